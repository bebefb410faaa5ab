// 修改剪報: its collector, or a supervisor or the director. A change in substance (title, link, date,
// summary, 啟示) raises the clipping's version, and recipients of an open circulation are asked to
// acknowledge again (README.md beside circulation.ts); the page says so before saving.
import { Stack, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ClippingForm } from "~/components/knowledge/clipping-form";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { parseForm, runCommand } from "~/modules/forms.server";
import { clippingFieldErrors, getClippingForEdit } from "~/modules/knowledge/clipping-pages.server";
import { updateClipping } from "~/modules/knowledge/clippings.server";
import { clippingSchema } from "~/modules/knowledge/knowledge.schema";
import { requireIdParam } from "~/modules/params";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "clippings.use");
  const id = requireIdParam(args.params.clippingId);
  const clipping = await getClippingForEdit(args.context.db, user, id);
  const { circulating, version, title, outlet, url, publishedOn, summary, lesson, tags } = clipping;
  return { id, circulating, version, defaults: { title, outlet, url, publishedOn, summary, lesson, tags } };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "clippings.use");
  const id = requireIdParam(args.params.clippingId);
  const formData = await args.request.formData();
  const parsed = parseForm(clippingSchema, formData);
  if (!parsed.ok) return data(clippingFieldErrors(parsed), { status: 400 });
  const outcome = await runCommand(formData, () => updateClipping(args.context.db, user, id, parsed.data));
  if (!outcome.ok) return outcome.response;
  throw redirect(`/clippings/${id}?notice=${outcome.result.reacknowledge ? "reacknowledge" : "saved"}`);
}

export default function EditClipping() {
  const { id, circulating, version, defaults } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const t = useT();
  return (
    <Stack maw={1280}>
      <Stack gap={4}>
        <Title order={1}>{t("clippings.editTitle")}</Title>
        <Text c="gray.7" size="sm">
          {t("clippings.version", { version })}
        </Text>
      </Stack>
      <ClippingForm
        state={state}
        defaults={defaults}
        cancelTo={`/clippings/${id}`}
        editWarning={circulating ? t("clippings.editWarning") : t("clippings.editWarningNotCirculating")}
      />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
