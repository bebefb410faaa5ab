import { Alert } from "@mantine/core";
import { useSearchParams } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import type { MessageKey } from "~/i18n/i18n";

// After a successful POST the action redirects with ?notice=<name>; only these names are shown.
const NOTICES: Record<string, MessageKey> = {
  saved: "common.saved",
  created: "common.created",
  passwordChanged: "password.changed",
  passwordReset: "user.passwordReset",
};

export function Notice() {
  const [params] = useSearchParams();
  const t = useT();
  const key = NOTICES[params.get("notice") ?? ""];
  if (!key) return null;
  return (
    <Alert color="green" role="status" mb="md" data-testid="notice">
      {t(key)}
    </Alert>
  );
}
