import { defineMessages } from "./define";

// 特殊案例彙編 and 新聞蒐集與傳閱: names shared by the case and clipping pages, notifications, form errors.
export const knowledgeSharedMessages = defineMessages({
  "nav.knowledge": ["知識分享", "Knowledge"],
  "nav.cases": ["特殊案例彙編", "Special cases"],
  "nav.clippings": ["新聞蒐集與傳閱", "News clippings"],

  "caseCategory.birth": ["出生", "Birth"],
  "caseCategory.death": ["死亡", "Death"],
  "caseCategory.marriage": ["結婚", "Marriage"],
  "caseCategory.divorce": ["離婚", "Divorce"],
  "caseCategory.migration": ["遷徙", "Change of address"],
  "caseCategory.acknowledgement": ["認領", "Acknowledgement of paternity"],
  "caseCategory.adoption": ["收養", "Adoption"],
  "caseCategory.guardianship": ["監護", "Guardianship"],
  "caseCategory.name_change": ["姓名變更", "Change of name"],
  "caseCategory.nationality": ["國籍", "Nationality"],
  "caseCategory.seal": ["印鑑", "Seal registration"],
  "caseCategory.id_card": ["身分證", "National ID card"],
  "caseCategory.transcript": ["戶籍謄本", "Household transcript"],
  "caseCategory.house_number": ["門牌", "House numbers"],
  "caseCategory.other": ["其他", "Other"],

  "caseSource.own": ["本所", "This office"],
  "caseSource.other_office": ["他所", "Another office"],
  "caseState.draft": ["草稿", "Draft"],
  "caseState.in_review": ["審核中", "In review"],
  "caseState.published": ["已發布", "Published"],
  "caseState.archived": ["已封存", "Archived"],

  "circulationKind.mandatory": ["必閱", "Must read"],
  "circulationKind.information": ["參閱", "For information"],
  "recipientStatus.acknowledged": ["已閱", "Acknowledged"],
  "recipientStatus.opened": ["已開啟未確認", "Opened, not acknowledged"],
  "recipientStatus.unopened": ["未開啟", "Not opened"],

  "notify.clippings.mandatory": ["新聞傳閱「{title}」請於 {dueOn} 前確認已閱。", "Circulated: “{title}”. Please acknowledge by {dueOn}."],
  "notify.clippings.information": ["新聞傳閱「{title}」供參閱。", "Circulated for information: “{title}”."],
  "notify.clippings.reminder": ["提醒：新聞傳閱「{title}」尚未確認已閱。", "Reminder: you have not acknowledged “{title}”."],
  "notify.clippings.changed": ["新聞傳閱「{title}」內容已更新，請重新確認已閱。", "“{title}” was updated: please acknowledge it again."],

  "home.clippingToAcknowledge": ["新聞傳閱「{title}」待您確認已閱", "Acknowledge the circulated clipping “{title}”"],
  "home.clippingDue": ["期限：", "Due: "],
  "home.clippingOverdue": ["已逾期", "Overdue"],
  "home.clippingAgain": ["內容已更新，請重新確認", "Updated: acknowledge again"],

  "errors.knowledge.tagTooLong": ["每個標籤最多 20 個字。", "A tag is at most 20 characters."],
  "errors.knowledge.tooManyTags": ["標籤最多 12 個。", "At most 12 tags."],
  "errors.knowledge.sourceOffice": ["他所案例請填寫來源機關。", "Name the office a case came from."],
  "errors.knowledge.factsOrBody": ["請填寫案情，或在內文說明。", "Describe the facts, or write the body text."],
  "errors.knowledge.url": ["請填寫完整網址，例如 https://…", "Enter a full address, e.g. https://…"],
});
