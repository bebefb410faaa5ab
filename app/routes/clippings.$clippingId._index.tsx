// One clipping (新聞蒐集與傳閱, issue 6): its content and link; for a recipient the 「確認已閱」 form
// (opening the page records the opening: loadClipping); links to start a proposal (origin 新聞蒐集) or a
// special case from it; for supervisors and the director the 傳閱 form and, per circulation, who has
// read it, reminders and closing. One action dispatches on `intent`, as app/routes/proposals.*.
import { Alert, Anchor, Badge, Button, Divider, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { FormState } from "~/components/form-fields";
import { AcknowledgePanel } from "~/components/knowledge/clipping-acknowledge";
import { CirculateForm, CirculationReport } from "~/components/knowledge/clipping-circulation";
import { Notice } from "~/components/notice";
import { RocDate } from "~/components/roc-date";
import { formatRocDate } from "~/i18n/dates";
import { useLanguage, useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { formFailure, parseForm, runCommand } from "~/modules/forms.server";
import { isPastDue, localDate, mayManageCirculations } from "~/modules/knowledge/circulation";
import { circulationPeople } from "~/modules/knowledge/clipping-pages.server";
import { acknowledge, circulate, closeCirculation, loadClipping, remind } from "~/modules/knowledge/clippings.server";
import { acknowledgeSchema, circulationSchema } from "~/modules/knowledge/knowledge.schema";
import { requireIdParam } from "~/modules/params";

const STATUS_ORDER = { unopened: 0, opened: 1, acknowledged: 2 } as const;

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "clippings.use");
  const id = requireIdParam(args.params.clippingId);
  const db = args.context.db;
  const url = new URL(args.request.url);
  const sortByStatus = url.searchParams.get("recipients") === "status";
  const now = new Date();
  const detail = await loadClipping(db, user, id, now);
  const people = detail.isManager ? await circulationPeople(db, user) : [];
  const { clipping, mine } = detail;
  return {
    clipping: {
      id: clipping.id,
      title: clipping.title,
      outlet: clipping.outlet,
      url: clipping.url,
      publishedOn: clipping.publishedOn,
      summary: clipping.summary,
      lesson: clipping.lesson,
      tags: clipping.tags,
      version: clipping.version,
      createdByName: clipping.createdByName,
      createdAt: clipping.createdAt,
      updatedAt: clipping.updatedAt,
    },
    canEdit: detail.canEdit,
    isManager: detail.isManager,
    mine: mine
      ? {
          acknowledgedAt: mine.acknowledgedAt,
          reacknowledge: mine.reacknowledge,
          comment: mine.comment,
          dueOn: mine.dueOn,
          kind: mine.kind,
          overdue: mine.kind === "mandatory" && !mine.acknowledgedAt && isPastDue(mine.dueOn, now),
        }
      : null,
    circulations: detail.circulations.map((c) => ({
      ...c,
      recipients: sortByStatus
        ? [...c.recipients].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.employeeNo.localeCompare(b.employeeNo))
        : c.recipients,
    })),
    people: people.map((p) => ({ id: p.id, name: p.name, employeeNo: p.employeeNo, title: p.title })),
    sortByStatus,
    today: localDate(now),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "clippings.use");
  const id = requireIdParam(args.params.clippingId);
  const db = args.context.db;
  const formData = await args.request.formData();
  const intent = String(formData.get("intent") ?? "");
  // The recipients' order (?recipients=status) is kept across remind and close.
  const order = formData.get("recipients") === "status" ? "&recipients=status" : "";
  const done = (notice: string, extra = "", anchor = "") => redirect(`/clippings/${id}?notice=${notice}${extra}${order}${anchor}`);
  // Circulating, reminding and closing are for supervisors and the director; the module checks too.
  const requireManager = () => {
    if (!mayManageCirculations(user.roles)) throw new Response("Forbidden", { status: 403 });
  };
  const circulationId = () => {
    const n = Number(formData.get("circulationId"));
    if (!Number.isSafeInteger(n) || n <= 0) throw new Response("Not Found", { status: 404 });
    return n;
  };

  switch (intent) {
    case "acknowledge": {
      const parsed = parseForm(acknowledgeSchema, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      const outcome = await runCommand(formData, () => acknowledge(db, user, id, parsed.data.comment));
      if (!outcome.ok) return outcome.response;
      throw done("acknowledged");
    }
    case "circulate": {
      requireManager();
      const parsed = parseForm(circulationSchema, formData);
      if (!parsed.ok) return data(parsed, { status: 400 });
      const v = parsed.data;
      if (v.audience === "roles" && v.audienceRoles.length === 0) return data(formFailure(formData, { audienceRoles: "clippings.circulate.chooseRoles" }), { status: 400 });
      if (v.audience === "people" && v.audienceUserIds.length === 0) return data(formFailure(formData, { audienceUserIds: "clippings.circulate.choosePeople" }), { status: 400 });
      const outcome = await runCommand(formData, () =>
        circulate(db, user, id, {
          kind: v.kind,
          dueOn: v.dueOn,
          audienceWholeOffice: v.audience === "office",
          // Only what the chosen audience uses: boxes ticked and then left behind do not count.
          audienceRoles: v.audience === "roles" ? v.audienceRoles : [],
          audienceUserIds: v.audience === "people" ? v.audienceUserIds : [],
          note: v.note,
        }),
      );
      if (!outcome.ok) return outcome.response;
      throw done("circulated");
    }
    case "remind": {
      requireManager();
      const cid = circulationId();
      const outcome = await runCommand(formData, () => remind(db, user, cid));
      if (!outcome.ok) return outcome.response;
      throw done("reminded", `&n=${outcome.result}`, `#circulation-${cid}`);
    }
    case "close": {
      requireManager();
      const cid = circulationId();
      if (formData.get("confirm") !== "on") return data(formFailure(formData, { confirm: "clippings.close.confirmRequired" }), { status: 400 });
      const outcome = await runCommand(formData, () => closeCirculation(db, user, cid));
      if (!outcome.ok) return outcome.response;
      throw done("closed", "", `#circulation-${cid}`);
    }
    default:
      return data(formFailure(formData, { _form: "errors.invalid" }), { status: 400 });
  }
}

// ------------------------------------------------------------------------------ view

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** This page's own notices after a redirect (the shared <Notice> knows saved and created). */
function ClippingNotice() {
  const [params] = useSearchParams();
  const t = useT();
  const notice = params.get("notice");
  const n = Number(params.get("n") ?? 0);
  const text =
    notice === "acknowledged"
      ? t("clippings.ack.saved")
      : notice === "circulated"
        ? t("clippings.circulate.sent")
        : notice === "reminded"
          ? t("clippings.remind.sent", { n })
          : notice === "closed"
            ? t("clippings.close.done")
            : notice === "reacknowledge"
              ? t("clippings.savedReacknowledge")
              : null;
  if (!text) return <Notice />;
  return (
    <Alert color="green" role="status" data-testid="notice">
      {text}
    </Alert>
  );
}

const cut = (text: string, max: number) => {
  const chars = Array.from(text.trim());
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : chars.join("");
};

/**
 * 「由此撰寫提案」 and 「由此建立案例」: links that prefill the new forms. Long texts are cut so the
 * address stays well under the server's limits (a whole summary of Chinese text, percent-encoded, is large).
 */
function startLinks(c: LoaderData["clipping"], t: ReturnType<typeof useT>, language: ReturnType<typeof useLanguage>) {
  const source = t("clippings.from.problemPrefix", { title: c.title, outlet: c.outlet, date: formatRocDate(`${c.publishedOn}T00:00:00+08:00`, language) });
  const problem = [source, cut(c.summary, 400), c.lesson ? `${t("clippings.field.lesson")}：${cut(c.lesson, 300)}` : "", c.url].filter(Boolean).join("\n");
  const proposal = new URLSearchParams({ title: cut(c.title, 100), origin: "news", problem, clippingId: String(c.id) });
  const facts = [source, cut(c.summary, 600), c.url].filter(Boolean).join("\n");
  const kase = new URLSearchParams({ title: cut(c.title, 100), facts, tags: c.tags.join("、"), clippingId: String(c.id) });
  return { proposal: `/proposals/new?${proposal.toString()}`, case: `/cases/new?${kase.toString()}` };
}

function Field({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Text size="sm" c="gray.7" fw={600}>
        {label}
      </Text>
      <Text component="div" style={{ whiteSpace: "pre-wrap" }}>
        {children}
      </Text>
    </div>
  );
}

export default function ClippingPage() {
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState | undefined;
  const t = useT();
  const language = useLanguage();
  const c = d.clipping;
  // All forms share one action: each sees the refused submission only if it was the one posted.
  const stateOf = (intent: string, circulationId?: number) =>
    state?.values && state.values.intent === intent && (circulationId === undefined || state.values.circulationId === String(circulationId)) ? state : undefined;
  const links = startLinks(c, t, language);
  return (
    <Stack maw={1280}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4} style={{ flex: 1, minWidth: 280 }}>
          <Text c="gray.7" size="sm">
            {c.outlet} · <RocDate value={`${c.publishedOn}T00:00:00+08:00`} />
          </Text>
          <Title order={1}>{c.title}</Title>
        </Stack>
        <Group gap="xs">
          {d.canEdit ? (
            <Button component={Link} to={`/clippings/${c.id}/edit`} data-testid="edit-link">
              {t("clippings.edit")}
            </Button>
          ) : null}
          <Button component={Link} to="/clippings" variant="subtle">
            {t("clippings.backToList")}
          </Button>
        </Group>
      </Group>
      <ClippingNotice />
      {d.mine ? <AcknowledgePanel mine={d.mine} state={stateOf("acknowledge")} /> : null}

      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper withBorder p="lg" component="section" aria-labelledby="content-title" data-testid="clipping-content">
            <Stack gap="md">
              <Title order={2} size="h4" id="content-title">
                {t("clippings.content")}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Field label={t("clippings.field.outlet")}>{c.outlet}</Field>
                <Field label={t("clippings.published")}>
                  <RocDate value={`${c.publishedOn}T00:00:00+08:00`} />
                </Field>
              </SimpleGrid>
              <Field label={t("clippings.field.url")}>
                {c.url ? (
                  // Only http(s) addresses are stored (clippingSchema); a new tab that cannot reach back to this page.
                  <Anchor href={c.url} target="_blank" rel="noopener noreferrer" data-testid="article-link" style={{ wordBreak: "break-all" }}>
                    {t("clippings.openArticle")}
                  </Anchor>
                ) : (
                  <Text c="gray.7">{t("clippings.noLink")}</Text>
                )}
              </Field>
              <Divider />
              <Field label={t("clippings.field.summary")} testId="summary">
                {c.summary}
              </Field>
              <Field label={t("clippings.field.lesson")} testId="lesson">
                {c.lesson || t("clippings.noLesson")}
              </Field>
              <div>
                <Text size="sm" c="gray.7" fw={600}>
                  {t("clippings.field.tags")}
                </Text>
                {c.tags.length ? (
                  <Group gap={6} mt={4}>
                    {c.tags.map((tag) => (
                      <Badge key={tag} variant="light" color="gray" tt="none" component={Link} to={`/clippings?q=${encodeURIComponent(tag)}`} style={{ cursor: "pointer" }}>
                        {tag}
                      </Badge>
                    ))}
                  </Group>
                ) : (
                  <Text c="gray.7">{t("clippings.noTags")}</Text>
                )}
              </div>
              <Text size="xs" c="gray.7">
                {c.createdByName ? `${t("clippings.collectedBy", { name: c.createdByName })} · ` : ""}
                {t("clippings.updatedAt")} <RocDate value={c.updatedAt} withTime /> · {t("clippings.version", { version: c.version })}
              </Text>
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Paper withBorder p="lg" component="section" aria-labelledby="from-title" data-testid="start-from">
            <Stack gap="sm">
              <Title order={2} size="h4" id="from-title">
                {t("clippings.from.title")}
              </Title>
              <Button component={Link} to={links.proposal} variant="light" data-testid="to-proposal">
                {t("clippings.from.proposal")}
              </Button>
              <Button component={Link} to={links.case} variant="light" data-testid="to-case">
                {t("clippings.from.case")}
              </Button>
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>

      {d.isManager ? (
        <Stack gap="md">
          <Stack gap="sm" component="section" aria-labelledby="circulations-title" data-testid="circulations">
            <Title order={2} size="h4" id="circulations-title">
              {t("clippings.circulations.title")}
            </Title>
            {d.circulations.length === 0 ? (
              <Text c="gray.7">{t("clippings.circulations.none")}</Text>
            ) : (
              d.circulations.map((circ) => (
                <CirculationReport key={circ.id} circulation={circ} sortByStatus={d.sortByStatus} remindState={stateOf("remind", circ.id)} closeState={stateOf("close", circ.id)} />
              ))
            )}
          </Stack>
          <CirculateForm key={d.circulations.length} people={d.people} state={stateOf("circulate")} today={d.today} />
        </Stack>
      ) : null}
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
