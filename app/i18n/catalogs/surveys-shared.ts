import { defineMessages } from "./define";

// 員工滿意度調查: names shared by the survey pages, notifications, the home page item.
export const surveysSharedMessages = defineMessages({
  "nav.surveys": ["員工滿意度調查", "Employee survey"],
  "surveyState.planned": ["尚未開始", "Not started"],
  "surveyState.open": ["調查中", "Open"],
  "surveyState.closed": ["已結束", "Closed"],
  "actionStatus.open": ["待辦", "To do"],
  "actionStatus.in_progress": ["辦理中", "In progress"],
  "actionStatus.done": ["已完成", "Done"],
  "notify.surveys.open": ["「{title}」開始填答，請於 {closesOn} 前完成；您的回答以匿名方式保存。", "“{title}” is open until {closesOn}; your answers are kept anonymously."],
  "notify.surveys.reminder": ["提醒：「{title}」尚未填答，{closesOn} 截止。", "Reminder: you have not answered “{title}”; it closes {closesOn}."],
  "notify.surveys.actionOwner": ["您是改善對策「{title}」的負責人。", "You own the action item “{title}”."],
  "home.surveyToAnswer": ["「{title}」待您填答（匿名）", "Answer “{title}” (anonymous)"],
});
