import { defineMessages } from "./define";

// 教育訓練與學習時數: names every training page shares (kinds, statuses, outcomes), the navigation,
// notifications and the errors of the forms.
export const trainingSharedMessages = defineMessages({
  "nav.training": ["教育訓練", "Training"],
  "nav.trainingCalendar": ["訓練行事曆", "Training calendar"],
  "nav.trainingHours": ["我的學習時數", "My learning hours"],
  "nav.trainingRoster": ["學習時數總表", "Learning hours roster"],

  "trainingKind.professional": ["專業教育訓練", "Professional training"],
  "trainingKind.experience_sharing": ["經驗分享座談", "Experience-sharing forum"],
  "trainingKind.law_quiz_review": ["法令測驗解說", "Legal quiz review"],
  "trainingKind.phone_etiquette": ["電話禮儀訓練", "Telephone etiquette training"],
  "trainingKind.external": ["外部訓練", "External training"],

  "sessionStatus.scheduled": ["如期舉行", "Scheduled"],
  "sessionStatus.cancelled": ["已取消", "Cancelled"],
  "sessionPhase.upcoming": ["尚未開始", "Upcoming"],
  "sessionPhase.in_progress": ["進行中", "In progress"],
  "sessionPhase.over": ["已結束", "Over"],
  "sessionPhase.cancelled": ["已取消", "Cancelled"],

  "enrolmentStatus.requested": ["待主管核可", "Awaiting approval"],
  "enrolmentStatus.booked": ["已報名", "Booked"],
  "enrolmentStatus.waitlisted": ["候補中", "Waitlisted"],
  "enrolmentStatus.cancelled": ["已取消", "Cancelled"],
  "enrolmentStatus.attended": ["出席", "Attended"],
  "enrolmentStatus.partly_attended": ["部分出席", "Partly attended"],
  "enrolmentStatus.absent": ["缺席", "Absent"],
  "enrolmentStatus.excused": ["請假", "Excused"],

  "enrolmentEvent.sign_up": ["報名", "Signed up"],
  "enrolmentEvent.auto_enrol": ["必訓對象自動報名", "Enrolled (required)"],
  "enrolmentEvent.approve": ["主管核可", "Approved"],
  "enrolmentEvent.decline": ["主管不予核可", "Declined"],
  "enrolmentEvent.cancel": ["本人取消報名", "Cancelled by the person"],
  "enrolmentEvent.remove": ["主管取消報名", "Removed by a supervisor"],
  "enrolmentEvent.session_cancelled": ["場次取消", "Session cancelled"],
  "enrolmentEvent.promote": ["候補遞補", "Promoted from the waitlist"],
  "enrolmentEvent.mark_attendance": ["登錄出席", "Attendance recorded"],

  "elearningStatus.pending": ["待審核", "Awaiting verification"],
  "elearningStatus.approved": ["已認列", "Approved"],
  "elearningStatus.returned": ["已退回", "Returned"],

  "nominationOutcome.nominated": ["已遴派", "Nominated"],
  "nominationOutcome.completed": ["已結訓", "Completed"],
  "nominationOutcome.not_completed": ["未結訓", "Not completed"],
  "nominationOutcome.withdrawn": ["已撤回遴派", "Withdrawn"],

  "progress.behind": ["進度落後", "Behind"],
  "progress.on_track": ["進度正常", "On track"],
  "progress.done": ["已達成", "Done"],
  "hours.value": ["{n} 小時", "{n} h"],

  "notify.training.required": ["您已被列為必訓課程「{title}」的參加人員。", "You are enrolled in the required session “{title}”."],
  "notify.training.promoted": ["「{title}」有名額空出，您已由候補轉為正取。", "A seat freed up in “{title}”: you are now booked."],
  "notify.training.cancelled": ["「{title}」已取消：{reason}", "“{title}” is cancelled: {reason}"],
  "notify.training.elearningToVerify": ["{name} 登錄了數位學習「{course}」，待您審核。", "{name} reported the e-learning course “{course}” for your verification."],
  "notify.training.elearningApproved": ["您的數位學習「{course}」已認列時數。", "Your e-learning course “{course}” was approved."],
  "notify.training.elearningReturned": ["您的數位學習「{course}」被退回，請查看原因。", "Your e-learning course “{course}” was returned; see the reason."],
  "notify.training.nominated": ["您已被遴派參加「{course}」（{startsOn} 起）。", "You are nominated to “{course}” (from {startsOn})."],

  "home.sessionBooked": ["您已報名「{title}」", "You are booked on “{title}”"],
  "home.sessionWaiting": ["您在「{title}」的候補或待核可名單中", "You are waiting for a seat on “{title}”"],
  "home.sessionAttendance": ["「{title}」已結束，尚未登錄出席", "“{title}” is over: record attendance"],
  "home.elearningToVerify": ["{n} 筆數位學習紀錄待您審核", "{n} e-learning records wait for your verification"],

  "errors.training.unknownPerson": ["請從名單中選擇本所同仁。", "Choose a colleague of this office from the list."],
  "errors.training.hours": ["時數請填 0 到 999 之間的數字，最多一位小數（例如 1.5）。", "Hours: a number from 0 to 999 with at most one decimal (e.g. 1.5)."],
  "errors.training.capacity": ["名額請填 1 以上的整數；不限名額請留白。", "Capacity: a whole number from 1; leave empty for no limit."],
  "errors.training.time": ["時間格式為 時:分，例如 14:00。", "Time as hh:mm, e.g. 14:00."],
  "errors.training.dateRequired": ["請至少填寫一個上課日期與時間。", "Enter at least one date with its times."],
  "errors.training.endBeforeStart": ["結束時間必須晚於開始時間。", "The end must be after the start."],
  "errors.training.url": ["請填寫完整網址，例如 https://…", "Enter a full address, e.g. https://…"],
  "errors.training.audienceRoles": ["請勾選參加對象的角色。", "Tick the roles of the audience."],
  "errors.training.audiencePeople": ["請勾選參加的同仁。", "Tick the colleagues of the audience."],
});
