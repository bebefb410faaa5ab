import { Notice } from "~/components/notice";
import type { MessageKey } from "~/i18n/i18n";

// After a successful POST the case pages redirect with ?notice=<name>; only these names are shown.
const NOTICES: Record<string, MessageKey> = {
  saved: "common.saved",
  created: "cases.notice.created",
  submitted: "cases.notice.submitted",
  withdrawn: "cases.notice.withdrawn",
  published: "cases.notice.published",
  returned: "cases.notice.returned",
  archived: "cases.notice.archived",
  restored: "cases.notice.restored",
  superseded: "cases.notice.superseded",
  unsuperseded: "cases.notice.unsuperseded",
  linked: "cases.notice.linked",
  unlinked: "cases.notice.unlinked",
};

export function CaseNotice() {
  return <Notice notices={NOTICES} mb={0} />;
}
