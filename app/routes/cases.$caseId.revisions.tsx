// Two revisions of a case side by side (?a=older&b=newer): per field, the older text left and the newer
// right, changed characters marked (<del> / <ins>, with colour and a text legend, never colour alone),
// unchanged fields folded. The lines and the character runs come from revision-diff.ts.
import { Anchor, Badge, Box, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RocDate } from "~/components/roc-date";
import { formatRocDate } from "~/i18n/dates";
import { requestLanguage } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { formatLegalBasis, type CaseCategory, type LegalBasis } from "~/modules/knowledge/case-rules";
import { loadRevisions } from "~/modules/knowledge/cases.server";
import { CASE_DIFF_FIELDS, diffRevisions, type DiffRow, type RevisionValue, type Segment } from "~/modules/knowledge/revision-diff";
import { requireIdParam } from "~/modules/params";

const revisionParam = (v: string | null) => (v && /^\d{1,6}$/.test(v) && Number(v) > 0 ? Number(v) : null);

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "knowledge.use");
  const id = requireIdParam(args.params.caseId);
  const url = new URL(args.request.url);
  const { t, language } = requestLanguage(args.request);
  let a = revisionParam(url.searchParams.get("a"));
  let b = revisionParam(url.searchParams.get("b"));
  const db = args.context.db;
  if (a === null || b === null) {
    // Without both: the latest change (previous against current).
    const { case: c } = await loadRevisions(db, user, id, 1, 1);
    b ??= c.revision;
    a ??= Math.max(1, b - 1);
  }
  if (a > b) [a, b] = [b, a];
  const r = await loadRevisions(db, user, id, a, b);
  // What the diff compares: a category as its label, a legal basis as its one line (dates in 民國 years), tags.
  const values = (snapshot: Record<string, unknown>): Record<string, RevisionValue> => ({
    title: String(snapshot.title ?? ""),
    category: snapshot.category ? t(`caseCategory.${snapshot.category as CaseCategory}`) : "",
    facts: String(snapshot.facts ?? ""),
    issue: String(snapshot.issue ?? ""),
    handling: String(snapshot.handling ?? ""),
    legalBasis: ((snapshot.legalBasis as LegalBasis[] | undefined) ?? []).map((x) =>
      formatLegalBasis(
        x.kind === "interpretation" && /^\d{4}-\d{2}-\d{2}$/.test(x.date)
          ? {
              ...x,
              date: formatRocDate(`${x.date}T00:00:00+08:00`, language),
            }
          : x,
      ),
    ),
    lessons: String(snapshot.lessons ?? ""),
    body: String(snapshot.body ?? ""),
    tags: ((snapshot.tags as string[] | undefined) ?? []).map(String),
  });
  const fields = CASE_DIFF_FIELDS.map((f) => ({
    key: f.key,
    label: t(`cases.field.${f.key as "title"}`),
  }));
  const diff = diffRevisions(values(r.left.snapshot), values(r.right.snapshot), fields);
  return {
    case: r.case,
    left: {
      revision: r.left.revision,
      reason: r.left.reason,
      at: r.left.at,
      authorName: r.left.authorName,
    },
    right: {
      revision: r.right.revision,
      reason: r.right.reason,
      at: r.right.at,
      authorName: r.right.authorName,
    },
    diff,
  };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

const delStyle = {
  backgroundColor: "var(--mantine-color-red-2)",
  color: "var(--mantine-color-red-9)",
  textDecoration: "line-through",
  textDecorationThickness: 1,
};
const insStyle = {
  backgroundColor: "var(--mantine-color-green-2)",
  color: "var(--mantine-color-green-9)",
  textDecoration: "underline",
  textDecorationThickness: 1,
};

function Segments({ segments, side }: { segments: Segment[]; side: "left" | "right" }) {
  return (
    <>
      {segments.map((s, i) =>
        !s.changed ? (
          <span key={i}>{s.text}</span>
        ) : side === "left" ? (
          <del key={i} style={delStyle}>
            {s.text}
          </del>
        ) : (
          <ins key={i} style={insStyle}>
            {s.text}
          </ins>
        ),
      )}
    </>
  );
}

const ROW_BG: Record<DiffRow["kind"], { left?: string; right?: string }> = {
  same: {},
  changed: {
    left: "var(--mantine-color-red-0)",
    right: "var(--mantine-color-green-0)",
  },
  removed: { left: "var(--mantine-color-red-0)" },
  added: { right: "var(--mantine-color-green-0)" },
};

function Cell({ row, side }: { row: DiffRow; side: "left" | "right" }) {
  const t = useT();
  const segments = side === "left" ? row.left : row.right;
  const line = side === "left" ? row.leftLine : row.rightLine;
  const bg = ROW_BG[row.kind][side];
  const marker = segments === null ? "" : row.kind === "same" ? "" : side === "left" ? "−" : "+";
  return (
    <>
      <Table.Td c="gray.6" fz="xs" w={36} ta="right" style={{ background: bg, verticalAlign: "top", userSelect: "none" }} aria-hidden>
        {line ?? ""}
        {marker ? ` ${marker}` : ""}
      </Table.Td>
      <Table.Td
        style={{
          background: bg,
          whiteSpace: "pre-wrap",
          wordBreak: "break-word",
          verticalAlign: "top",
          width: "50%",
        }}
      >
        {segments === null ? (
          <Text span size="xs" c="gray.6">
            {side === "left" ? t("cases.diff.noLineLeft") : t("cases.diff.noLineRight")}
          </Text>
        ) : (
          <Segments segments={segments} side={side} />
        )}
      </Table.Td>
    </>
  );
}

function FieldDiffView({ field, d }: { field: LoaderData["diff"][number]; d: LoaderData }) {
  const t = useT();
  return (
    <Paper withBorder component="section" aria-label={field.label} data-testid={`diff-${field.key}`}>
      <Group justify="space-between" px="md" py="xs" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
        <Title order={2} size="h5">
          {field.label}
        </Title>
        <Badge color="orange" variant="light">
          {t("cases.diff.changed")}
        </Badge>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table fz="sm" verticalSpacing={4} withColumnBorders style={{ tableLayout: "fixed" }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th colSpan={2}>{t("cases.revisionN", { n: d.left.revision })}</Table.Th>
              <Table.Th colSpan={2}>{t("cases.revisionN", { n: d.right.revision })}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {field.rows.map((row, i) => (
              <Table.Tr key={i} data-kind={row.kind}>
                <Cell row={row} side="left" />
                <Cell row={row} side="right" />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function RevisionHead({ label, r }: { label: string; r: LoaderData["left"] }) {
  const t = useT();
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="gray.7">
        {label}
      </Text>
      <Title order={2} size="h4">
        {t("cases.revisionN", { n: r.revision })}
      </Title>
      <Text size="sm">
        {r.authorName ?? "—"}・<RocDate value={r.at} withTime />
      </Text>
      <Text size="sm">
        {t("cases.revisionReason")}：{r.reason || "—"}
      </Text>
    </Paper>
  );
}

export default function CaseRevisions() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const changed = d.diff.filter((f) => f.changed);
  const unchanged = d.diff.filter((f) => !f.changed);
  const options = Array.from({ length: d.case.revision }, (_, i) => ({
    value: String(i + 1),
    label: t("cases.revisionN", { n: i + 1 }),
  }));
  return (
    <Stack maw={1280}>
      <Anchor component={Link} to={`/cases/${d.case.id}`} size="sm">
        ← {d.case.title}
      </Anchor>
      <Title order={1}>{t("cases.compareTitle")}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <RevisionHead label={t("cases.compareFrom")} r={d.left} />
        <RevisionHead label={t("cases.compareTo")} r={d.right} />
      </SimpleGrid>
      <Form method="get">
        <Group align="flex-end" gap="xs">
          <NativeSelect name="a" label={t("cases.compareFrom")} data={options} defaultValue={String(d.left.revision)} />
          <NativeSelect name="b" label={t("cases.compareTo")} data={options} defaultValue={String(d.right.revision)} />
          <Button type="submit" variant="light">
            {t("cases.compare")}
          </Button>
        </Group>
      </Form>
      <Group gap="md" fz="sm" aria-label={t("cases.diff.legend")} data-testid="diff-legend">
        <Text size="sm" fw={600}>
          {t("cases.diff.legend")}：
        </Text>
        <Text size="sm">
          <del style={delStyle}>{t("cases.diff.removedSample")}</del> {t("cases.diff.removedText")}
        </Text>
        <Text size="sm">
          <ins style={insStyle}>{t("cases.diff.addedSample")}</ins> {t("cases.diff.addedText")}
        </Text>
        <Text size="sm">{t("cases.diff.markers")}</Text>
      </Group>
      {changed.length === 0 ? (
        <Paper withBorder p="md" data-testid="no-changes">
          <Text>{t("cases.diff.none")}</Text>
        </Paper>
      ) : (
        changed.map((f) => <FieldDiffView key={f.key} field={f} d={d} />)
      )}
      {unchanged.length ? (
        <Box component="details" data-testid="unchanged-fields">
          <summary style={{ cursor: "pointer" }}>
            {t("cases.diff.unchanged", {
              n: unchanged.length,
              fields: unchanged.map((f) => f.label).join("、"),
            })}
          </summary>
          <Stack gap="xs" mt="sm">
            {unchanged.map((f) => (
              <Paper withBorder p="sm" key={f.key}>
                <Text size="sm" fw={600}>
                  {f.label}
                </Text>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }} c={f.rows.length ? undefined : "gray.6"}>
                  {f.rows.length ? f.rows.map((r) => (r.left ?? []).map((s) => s.text).join("")).join("\n") : t("cases.diff.empty")}
                </Text>
              </Paper>
            ))}
          </Stack>
        </Box>
      ) : null}
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
