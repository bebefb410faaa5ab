// 編輯訓練場次: the same form, filled from the session. A capacity rise promotes from the waitlist; a
// cut below the bookings bumps nobody, and the supervisor is told by how much the session is over.
import { Alert, Anchor, Stack, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SessionForm, type SessionFormDefaults } from "~/components/training/session-form";
import { taipeiDate, taipeiTime } from "~/components/training/training-format";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { runCommand } from "~/modules/forms.server";
import { requireIdParam } from "~/modules/params";
import { parseSessionForm } from "~/modules/training/session-pages.server";
import { officeColleagues } from "~/modules/org/colleagues.server";
import { loadSessionForEdit, updateSession } from "~/modules/training/training.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "training.manage");
  const id = requireIdParam(args.params.sessionId);
  const db = args.context.db;
  // Scoped read: another office's session is a 404 (ARCHITECTURE rule 4).
  const session = await loadSessionForEdit(db, user, id);
  const defaults: SessionFormDefaults = {
    kind: session.kind,
    title: session.title,
    description: session.description,
    instructor: session.instructor,
    place: session.place,
    creditedHours: String(session.creditedHours),
    capacity: session.capacity === null ? "" : String(session.capacity),
    required: session.required,
    approvalRequired: session.approvalRequired,
    audience: session.audienceWholeOffice ? "office" : session.audienceRoles.length > 0 ? "roles" : "people",
    audienceRoles: session.audienceRoles,
    audienceUserIds: session.audiencePeople.map((p) => String(p.id)),
  };
  session.dates.forEach((d, i) => {
    defaults[`date_${i}`] = taipeiDate(d.startsAt);
    defaults[`start_${i}`] = taipeiTime(d.startsAt);
    defaults[`end_${i}`] = taipeiTime(d.endsAt);
  });
  session.materials.forEach((m, i) => {
    defaults[`materialLabel_${i}`] = m.label;
    defaults[`materialUrl_${i}`] = m.url;
  });
  return { id, title: session.title, cancelled: session.status === "cancelled", defaults, people: await officeColleagues(db, user.officeId) };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "training.manage");
  const id = requireIdParam(args.params.sessionId);
  const formData = await args.request.formData();
  const parsed = parseSessionForm(formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const outcome = await runCommand(formData, () => updateSession(args.context.db, user, id, parsed.input));
  if (!outcome.ok) return outcome.response;
  const { overbookedBy } = outcome.result;
  throw redirect(overbookedBy > 0 ? `/training/${id}?notice=overbooked&n=${overbookedBy}` : `/training/${id}?notice=saved`);
}

export default function EditSession() {
  const { id, title, cancelled, defaults, people } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const t = useT();
  return (
    <Stack maw={960}>
      <Anchor component={Link} to={`/training/${id}`} size="sm">
        ← {t("training.backToSession")}
      </Anchor>
      <Title order={1}>
        {t("training.editTitle")}：{title}
      </Title>
      {cancelled ? (
        <Alert color="gray" role="status">
          {t("training.editCancelled")}
        </Alert>
      ) : (
        <SessionForm state={state} defaults={defaults} people={people} cancelTo={`/training/${id}`} />
      )}
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
