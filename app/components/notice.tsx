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

/**
 * The confirmation after a redirect. A module passes its own notice names (they add to the common
 * ones); an unknown name shows nothing, so a URL cannot make the page say anything else.
 */
export function Notice({ notices, mb = "md" }: { notices?: Readonly<Record<string, MessageKey>>; mb?: string | number } = {}) {
  const [params] = useSearchParams();
  const t = useT();
  const name = params.get("notice") ?? "";
  const key = notices?.[name] ?? NOTICES[name];
  if (!key) return null;
  return (
    <Alert color="green" role="status" mb={mb} data-testid="notice">
      {/* ?n= carries a count for messages like 「已提醒 12 位同仁。」 */}
      {t(key, { n: Number.isFinite(Number(params.get("n"))) ? Number(params.get("n")) : 0 })}
    </Alert>
  );
}
