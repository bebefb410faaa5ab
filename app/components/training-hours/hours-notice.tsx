import { Alert } from "@mantine/core";
import { useSearchParams } from "@remix-run/react";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";

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
  const [params] = useSearchParams();
  const t = useT();
  const key = NOTICES[params.get("notice") ?? ""];
  if (!key) return null;
  return (
    <Alert color="green" role="status" data-testid="notice">
      {t(key)}
    </Alert>
  );
}
