// 新增剪報: anyone working in the office records a news item (服務精進 2.(2) 新聞蒐集); supervisors
// circulate it afterwards from its page.
import { Stack, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { ClippingForm, NEW_CLIPPING_DEFAULTS } from "~/components/knowledge/clipping-form";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { parseForm, runCommand } from "~/modules/forms.server";
import { clippingFieldErrors } from "~/modules/knowledge/clipping-pages.server";
import { createClipping } from "~/modules/knowledge/clippings.server";
import { clippingSchema } from "~/modules/knowledge/knowledge.schema";

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "clippings.use");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "clippings.use");
  const formData = await args.request.formData();
  const parsed = parseForm(clippingSchema, formData);
  if (!parsed.ok) return data(clippingFieldErrors(parsed), { status: 400 });
  const outcome = await runCommand(formData, () => createClipping(args.context.db, user, parsed.data));
  if (!outcome.ok) return outcome.response;
  throw redirect(`/clippings/${outcome.result}?notice=created`);
}

export default function NewClipping() {
  const state = useActionData<typeof action>();
  const t = useT();
  return (
    <Stack maw={1280}>
      <Stack gap={4}>
        <Title order={1}>{t("clippings.newTitle")}</Title>
        <Text c="gray.7" size="sm">
          {t("clippings.listIntro")}
        </Text>
      </Stack>
      <ClippingForm state={state} defaults={NEW_CLIPPING_DEFAULTS} cancelTo="/clippings" />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
