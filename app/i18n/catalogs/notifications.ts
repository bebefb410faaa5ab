import { defineMessages } from "./define";

// In-app notifications (app/modules/notifications): what now waits for a person, in their language.
export const notificationMessages = defineMessages({
  "nav.notifications": ["通知", "Notifications"],
  "notifications.title": ["通知", "Notifications"],
  "notifications.none": ["目前沒有通知。", "No notifications."],
  "notifications.unread": ["{n} 則未讀", "{n} unread"],
  "notifications.markAllRead": ["全部標為已讀", "Mark all as read"],
  "notifications.open": ["開啟", "Open"],
  "notifications.new": ["新", "New"],

  "notify.proposals.toScreen": ["提案「{title}」（{referenceNo}）待您審核。", "Proposal “{title}” ({referenceNo}) waits for your screening."],
  "notify.proposals.supervisor_forward": ["您的提案「{title}」已由主管送審查小組。", "Your proposal “{title}” was forwarded to the review committee."],
  "notify.proposals.supervisor_return": ["您的提案「{title}」被退回修正，請查看理由。", "Your proposal “{title}” was returned for revision; see the reason."],
  "notify.proposals.supervisor_reject": ["您的提案「{title}」不予受理，請查看理由。", "Your proposal “{title}” was rejected as inadmissible; see the reason."],
  "notify.proposals.toSchedule": ["提案「{title}」待排入審查會議。", "Proposal “{title}” waits to be put on a meeting's agenda."],
  "notify.proposals.scheduled": ["您的提案「{title}」已排入「{round}」。", "Your proposal “{title}” is on the agenda of “{round}”."],
  "notify.proposals.decided": ["您的提案「{title}」已有審查決議。", "The committee has decided on your proposal “{title}”."],
  "notify.proposals.toAssign": ["提案「{title}」決議本所採行，請指定承辦人。", "Proposal “{title}” was adopted: name its owner."],
  "notify.proposals.owner": ["您是提案「{title}」的承辦人，預定完成日 {dueDate}。", "You own proposal “{title}”, due {dueDate}."],
  "notify.proposals.toReview": ["提案「{title}」已執行完成，請辦理執行成效檢討。", "Proposal “{title}” is implemented: review its effectiveness."],
  "notify.proposals.graded": ["您的提案「{title}」完成成效檢討，獲評{grade}等。", "Your proposal “{title}” was reviewed and earned grade {grade}."],
  "notify.proposals.reviewed": ["您的提案「{title}」已完成執行成效檢討。", "The effectiveness review of your proposal “{title}” is done."],
  "notify.committee.votingOpen": ["審查會議「{round}」已開始投票。", "Voting has opened in the meeting “{round}”."],

  "home.notifications": ["最新通知", "Latest notifications"],
  "home.proposalReturned": ["提案「{title}」被退回修正，待您修改後再送出", "Proposal “{title}” was returned: revise and resubmit"],
  "home.proposalOwned": ["您承辦的提案「{title}」執行中，請回報進度", "You own proposal “{title}”: report its progress"],
  "home.proposalsToScreen": ["{n} 件提案待您審核", "{n} proposals wait for your screening"],
  "home.votesWaiting": ["審查會議「{round}」有 {n} 件提案待您投票", "{n} proposals wait for your vote in “{round}”"],
});
