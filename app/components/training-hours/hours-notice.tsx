import { Notice } from "~/components/notice";
import type { MessageKey } from "~/i18n/i18n";

// After a successful POST the learning-hours actions redirect with ?notice=<name>; only these names are shown.
const NOTICES: Record<string, MessageKey> = {
  reported: "trainingHours.notice.reported",
  feedRevoked: "trainingHours.notice.feedRevoked",
  targetSaved: "trainingHours.notice.targetSaved",
  approved: "trainingHours.notice.approved",
  returned: "trainingHours.notice.returned",
  nominated: "trainingHours.notice.nominated",
  outcomeSaved: "trainingHours.notice.outcomeSaved",
};

export function HoursNotice() {
  return <Notice notices={NOTICES} mb={0} />;
}
