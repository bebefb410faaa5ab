import { Button } from "@mantine/core";
import { Form, useLocation } from "@remix-run/react";
import { useLanguage, useT } from "~/i18n/use-t";

/** Switches zh-TW ⇄ English; a POST so it works without JavaScript and stays on the same page. */
export function LanguageSwitch() {
  const language = useLanguage();
  const t = useT();
  const location = useLocation();
  const other = language === "en" ? "zh-TW" : "en";
  return (
    <Form method="post" action="/set-language">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <Button type="submit" name="language" value={other} variant="subtle" size="xs" lang={other === "en" ? "en" : "zh-Hant-TW"} aria-label={`${t("lang.label")}: ${t(`lang.${other}`)}`}>
        {t(`lang.${other}`)}
      </Button>
    </Form>
  );
}
