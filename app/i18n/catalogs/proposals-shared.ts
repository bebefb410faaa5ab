import { defineMessages } from "./define";

// 創新提案 and 研提案件審查小組: the names every proposal and committee page shares (states, categories,
// origins, decisions, votes, recusal reasons), the navigation, and the errors of their forms.
export const proposalsSharedMessages = defineMessages({
  "nav.improvement": ["服務精進", "Improvement"],
  "nav.proposals": ["創新提案", "Proposals"],
  "nav.committee": ["提案審查會議", "Review meetings"],
  "nav.proposalSettings": ["提案審查設定", "Proposal settings"],

  "proposalState.draft": ["草稿", "Draft"],
  "proposalState.submitted": ["待主管審核", "Awaiting screening"],
  "proposalState.returned": ["退回修正", "Returned for revision"],
  "proposalState.rejected": ["不予受理", "Rejected as inadmissible"],
  "proposalState.forwarded": ["待排入審查會議", "Awaiting a meeting"],
  "proposalState.scheduled": ["已排入審查會議", "On a meeting's agenda"],
  "proposalState.decided_adopted": ["本所採行（待指定承辦人）", "Adopted (owner to be named)"],
  "proposalState.decided_forwarded_up": ["報送上級機關", "Forwarded to a higher authority"],
  "proposalState.decided_reference": ["列為參考", "Kept for reference"],
  "proposalState.decided_not_adopted": ["不採行", "Not adopted"],
  "proposalState.in_implementation": ["執行中", "Being implemented"],
  "proposalState.implemented": ["執行完成（待成效檢討）", "Implemented (review due)"],
  "proposalState.reviewed": ["已完成執行成效檢討", "Effectiveness reviewed"],
  "proposalState.withdrawn": ["已撤回", "Withdrawn"],

  "proposalCategory.registration": ["戶籍行政作業", "Household registration work"],
  "proposalCategory.information_system": ["戶政資訊系統", "Registration information system"],
  "proposalCategory.innovative_service": ["戶政創新服務", "Innovative registration service"],
  "proposalCategory.method_process": ["業務推動方法或流程", "Working methods or processes"],
  "proposalCategory.environment": ["工作環境及辦公廳舍", "Workplace and office building"],

  "proposalOrigin.own": ["同仁自提", "Staff's own idea"],
  "proposalOrigin.office_meeting": ["所務會議臨時動議", "Motion at the office meeting"],
  "proposalOrigin.citizen_feedback": ["報馬仔民意", "Citizens' feedback (報馬仔)"],
  "proposalOrigin.news": ["新聞蒐集", "News collection"],
  "proposalOrigin.staff_survey": ["員工滿意度調查", "Employee satisfaction survey"],

  "proposalDecision.adopted": ["本所採行", "Adopted by the office"],
  "proposalDecision.forwarded_up": ["報送上級機關", "Forward to a higher authority"],
  "proposalDecision.reference": ["列為參考", "Keep for reference"],
  "proposalDecision.not_adopted": ["不採行", "Not adopted"],
  "proposalDecision.returned": ["退回修正", "Return for revision"],

  "proposalVote.採行": ["採行", "Adopt"],
  "proposalVote.修正後採行": ["修正後採行", "Adopt with changes"],
  "proposalVote.不採行": ["不採行", "Do not adopt"],
  "proposalVote.棄權": ["棄權", "Abstain"],

  "recusalReason.proposer": ["提案人", "Proposer"],
  "recusalReason.co_proposer": ["共同提案人", "Co-proposer"],
  "recusalReason.declared_conflict": ["自行申請迴避", "Declared a conflict"],
  "recusalReason.chair_ordered": ["主席命其迴避", "Ordered out by the chair"],

  "effectiveness.achieved": ["達成", "Achieved"],
  "effectiveness.partly": ["部分達成", "Partly achieved"],
  "effectiveness.not_achieved": ["未達成", "Not achieved"],

  "rewardGrade": ["{grade}等", "Grade {grade}"],
  "stageAge.days": ["已等候 {n} 天", "Waiting {n} days"],
  "stageAge.today": ["今天進入此階段", "Entered today"],

  "errors.proposals.unknownPerson": ["請從名單中選擇本所同仁。", "Choose a colleague of this office from the list."],
  "errors.proposals.percent": ["執行進度請填 0 到 100 的整數。", "Progress must be a whole number from 0 to 100."],
  "errors.proposals.voteRequired": ["請選擇表決意見。", "Choose your vote."],
});
