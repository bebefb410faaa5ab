// 特殊案例彙編: search the office's special cases (and those other offices shared) in Chinese. One GET
// form (works without JavaScript): q, category, tag, source office, case date from/to; two tabs, the
// library (案例庫) and my drafts and reviews (我的草稿與待審). Titles and excerpts show the matched words
// in <mark>, by the same bigram rule the index uses (highlight.ts).
import { Anchor, Badge, Box, Button, Grid, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CaseCategoryBadge, CaseSourceBadge, CaseStateBadge, CaseTags, SupersededBadge } from "~/components/knowledge/case-badges";
import { CaseNotice } from "~/components/knowledge/case-notice";
import { Highlighted } from "~/components/knowledge/highlighted";
import { RocDate } from "~/components/roc-date";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { CASE_CATEGORIES, CASE_CATEGORY_CODES, type CaseCategory } from "~/modules/knowledge/case-rules";
import { caseFacets, searchCases } from "~/modules/knowledge/cases.server";
import { excerptAround, highlight, matchRanges } from "~/modules/knowledge/highlight";
import { searchSchema } from "~/modules/knowledge/knowledge-forms.server";

const PAGE_SIZE = 20;

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "knowledge.use");
  const url = new URL(args.request.url);
  const p = url.searchParams;
  const parsed = searchSchema.safeParse({
    q: p.get("q") ?? "",
    category: p.get("category") || undefined,
    tag: p.get("tag") || undefined,
    source: p.get("source") || undefined,
    from: p.get("from") || undefined,
    to: p.get("to") || undefined,
  });
  // A malformed query string (too long, say) is searched as if empty rather than answered with an error.
  const s = parsed.success ? parsed.data : { q: "" };
  const category = s.category && CASE_CATEGORY_CODES.includes(s.category as CaseCategory) ? s.category : undefined;
  const scope = p.get("scope") === "work" ? "work" : "library";
  const page = Math.max(1, Math.min(10_000, Number(p.get("page")) || 1));
  const db = args.context.db;
  const [result, facets] = await Promise.all([
    searchCases(db, user, {
      q: s.q,
      category,
      tag: s.tag,
      sourceOffice: s.source,
      from: s.from,
      to: s.to,
      scope,
      page,
      pageSize: PAGE_SIZE,
    }),
    caseFacets(db, user),
  ]);
  const q = s.q;
  return {
    search: {
      q,
      category: category ?? "",
      tag: s.tag ?? "",
      source: s.source ?? "",
      from: s.from ?? "",
      to: s.to ?? "",
      scope,
    },
    facets,
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
    rows: result.rows.map((r) => {
      // The excerpt comes from the first of 爭點, 案情, 處理方式, 心得, 內文 that holds a match (else the first filled one).
      const texts = [r.issue, r.facts, r.handling, r.lessons, r.bodyText];
      const source = (q && texts.find((x) => matchRanges(x, q).length > 0)) || texts.find((x) => x.trim() !== "") || "";
      return {
        id: r.id,
        title: highlight(r.title, q),
        category: r.category,
        source: r.source,
        sourceOffice: r.sourceOffice,
        officeName: r.officeName,
        fromOtherOffice: r.fromOtherOffice,
        caseDate: r.caseDate,
        tags: r.tags,
        state: r.state,
        superseded: r.supersededBy !== null,
        authorName: r.authorName,
        excerpt: highlight(excerptAround(source, q, 120), q),
      };
    }),
  };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The current search as a query string, with some parameters changed (null removes one). */
function hrefWith(search: LoaderData["search"], changes: Record<string, string | null>) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...search, ...changes })) if (v) params.set(k, v);
  if (params.get("scope") === "library") params.delete("scope");
  const qs = params.toString();
  return qs ? `/cases?${qs}` : "/cases";
}

function ScopeTabs({ search }: { search: LoaderData["search"] }) {
  const t = useT();
  const scopes = ["library", "work"] as const;
  return (
    <Group gap={0} component="nav" aria-label={t("cases.scopes")} data-testid="scope-tabs">
      {scopes.map((s, i) => (
        <Button
          key={s}
          component={Link}
          to={hrefWith(search, { scope: s, page: null })}
          variant={s === search.scope ? "filled" : "default"}
          aria-current={s === search.scope ? "page" : undefined}
          style={{
            borderTopLeftRadius: i === 0 ? undefined : 0,
            borderBottomLeftRadius: i === 0 ? undefined : 0,
            borderTopRightRadius: i === scopes.length - 1 ? undefined : 0,
            borderBottomRightRadius: i === scopes.length - 1 ? undefined : 0,
          }}
        >
          {t(`cases.scope.${s}`)}
        </Button>
      ))}
    </Group>
  );
}

function SearchForm({ search, facets }: Pick<LoaderData, "search" | "facets">) {
  const t = useT();
  const filtered = Boolean(search.category || search.tag || search.source || search.from || search.to);
  return (
    <Paper withBorder p="md" role="search" aria-label={t("cases.searchLabel")}>
      <Form method="get" action="/cases">
        {search.scope === "work" ? <input type="hidden" name="scope" value="work" /> : null}
        <Stack gap="sm">
          <Group align="flex-end" gap="sm" wrap="nowrap">
            <TextInput
              id="case-q"
              name="q"
              type="search"
              label={t("cases.searchLabel")}
              placeholder={t("cases.searchPlaceholder")}
              defaultValue={search.q}
              size="lg"
              maxLength={100}
              style={{ flex: 1 }}
              data-testid="case-search-box"
            />
            <Button type="submit" size="lg">
              {t("common.search")}
            </Button>
          </Group>
          <details open={filtered}>
            <summary style={{ cursor: "pointer" }}>
              <Text component="span" size="sm" fw={600}>
                {t("cases.filters")}
              </Text>
            </summary>
            <Grid mt="xs">
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <NativeSelect
                  name="category"
                  label={t("cases.field.category")}
                  defaultValue={search.category}
                  data={[
                    { value: "", label: t("common.all") },
                    ...CASE_CATEGORIES.map((c) => ({
                      value: c.code,
                      label: t(`caseCategory.${c.code}`),
                    })),
                  ]}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <NativeSelect
                  name="tag"
                  label={t("cases.field.tags")}
                  defaultValue={search.tag}
                  data={[
                    { value: "", label: t("common.all") },
                    ...facets.tags.map((x) => ({
                      value: x.tag,
                      label: `${x.tag}（${x.n}）`,
                    })),
                  ]}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
                <NativeSelect
                  name="source"
                  label={t("cases.filter.sourceOffice")}
                  defaultValue={search.source}
                  data={[
                    { value: "", label: t("common.all") },
                    ...facets.sourceOffices.map((o) => ({
                      value: o,
                      label: o,
                    })),
                  ]}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 2 }}>
                <TextInput name="from" type="date" label={t("cases.filter.from")} defaultValue={search.from} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 2 }}>
                <TextInput name="to" type="date" label={t("cases.filter.to")} defaultValue={search.to} />
              </Grid.Col>
            </Grid>
            <Group mt="sm">
              <Button type="submit" variant="light" size="xs">
                {t("cases.applyFilters")}
              </Button>
              {filtered ? (
                <Button
                  component={Link}
                  to={hrefWith(search, {
                    category: null,
                    tag: null,
                    source: null,
                    from: null,
                    to: null,
                    page: null,
                  })}
                  variant="default"
                  size="xs"
                >
                  {t("cases.clearFilters")}
                </Button>
              ) : null}
            </Group>
          </details>
        </Stack>
      </Form>
    </Paper>
  );
}

function ResultItem({ row, search }: { row: LoaderData["rows"][number]; search: LoaderData["search"] }) {
  const t = useT();
  return (
    <Paper component="li" withBorder p="md" data-testid="case-result" style={{ listStyle: "none" }}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Title order={2} size="h4" style={{ flex: "1 1 auto" }}>
            <Anchor component={Link} to={`/cases/${row.id}`} c={row.superseded ? "gray.7" : undefined}>
              <Highlighted parts={row.title} />
            </Anchor>
          </Title>
        </Group>
        <Group gap={6} wrap="wrap">
          <CaseCategoryBadge category={row.category} />
          <CaseSourceBadge source={row.source} sourceOffice={row.sourceOffice} officeName={row.officeName} fromOtherOffice={row.fromOtherOffice} />
          {row.state !== "published" ? <CaseStateBadge state={row.state} /> : null}
          {row.superseded ? <SupersededBadge /> : null}
          {row.caseDate ? (
            <Text size="sm" c="gray.7">
              {t("cases.field.caseDate")}：
              <RocDate value={`${row.caseDate}T00:00:00+08:00`} />
            </Text>
          ) : null}
          <Text size="sm" c="gray.7">
            {t("cases.by", { name: row.authorName })}
          </Text>
        </Group>
        {row.excerpt.length ? (
          <Text size="sm" c="gray.8" data-testid="case-excerpt">
            <Highlighted parts={row.excerpt} />
          </Text>
        ) : null}
        <CaseTags tags={row.tags} linkTo={(tag) => hrefWith(search, { tag, page: null })} />
      </Stack>
    </Paper>
  );
}

function Pages({ d }: { d: LoaderData }) {
  const t = useT();
  if (d.pageCount <= 1) return null;
  const around = [...new Set([1, d.page - 2, d.page - 1, d.page, d.page + 1, d.page + 2, d.pageCount])]
    .filter((p) => p >= 1 && p <= d.pageCount)
    .sort((a, b) => a - b);
  return (
    <Group component="nav" aria-label={t("common.pagination")} gap={4} justify="center" data-testid="pagination">
      {d.page > 1 ? (
        <Button component={Link} to={hrefWith(d.search, { page: String(d.page - 1) })} variant="default" size="xs" rel="prev">
          {t("cases.prevPage")}
        </Button>
      ) : null}
      {around.map((p, i) => (
        <Group key={p} gap={4}>
          {i > 0 && p - around[i - 1] > 1 ? <Text size="xs">…</Text> : null}
          <Button
            component={Link}
            to={hrefWith(d.search, { page: p === 1 ? null : String(p) })}
            variant={p === d.page ? "filled" : "default"}
            size="xs"
            aria-current={p === d.page ? "page" : undefined}
            aria-label={t("cases.pageN", { n: p })}
          >
            {p}
          </Button>
        </Group>
      ))}
      {d.page < d.pageCount ? (
        <Button component={Link} to={hrefWith(d.search, { page: String(d.page + 1) })} variant="default" size="xs" rel="next">
          {t("cases.nextPage")}
        </Button>
      ) : null}
    </Group>
  );
}

function EmptyState({ d }: { d: LoaderData }) {
  const t = useT();
  const filtered = Boolean(d.search.category || d.search.tag || d.search.source || d.search.from || d.search.to);
  return (
    <Paper withBorder p="lg" data-testid="empty-state">
      <Stack gap="xs">
        <Text fw={600}>
          {d.search.q ? t("cases.empty.noMatch", { q: d.search.q }) : d.search.scope === "work" ? t("cases.empty.noWork") : t("cases.empty.noCases")}
        </Text>
        <Box component="ul" m={0} pl="lg">
          {d.search.q ? <li>{t("cases.empty.tipShort")}</li> : null}
          {d.search.q ? <li>{t("cases.empty.tipVariant")}</li> : null}
          {filtered ? (
            <li>
              <Anchor
                component={Link}
                to={hrefWith(d.search, {
                  category: null,
                  tag: null,
                  source: null,
                  from: null,
                  to: null,
                  page: null,
                })}
              >
                {t("cases.empty.tipFilters")}
              </Anchor>
            </li>
          ) : null}
          {d.search.scope === "library" ? null : (
            <li>
              <Anchor component={Link} to={hrefWith(d.search, { scope: "library", page: null })}>
                {t("cases.empty.tipLibrary")}
              </Anchor>
            </li>
          )}
          <li>
            <Anchor component={Link} to="/cases/new">
              {t("cases.empty.tipNew")}
            </Anchor>
          </li>
        </Box>
      </Stack>
    </Paper>
  );
}

export default function CasesIndex() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Stack gap={2}>
          <Title order={1}>{t("nav.cases")}</Title>
          <Text size="sm" c="gray.7">
            {t("cases.intro")}
          </Text>
        </Stack>
        <Button component={Link} to="/cases/new" data-testid="new-case">
          {t("cases.new")}
        </Button>
      </Group>
      <CaseNotice />
      <ScopeTabs search={d.search} />
      <SearchForm search={d.search} facets={d.facets} />
      <Group justify="space-between">
        <Text fw={600} role="status" aria-live="polite" data-testid="result-count">
          {t("cases.found", { n: d.total })}
        </Text>
        {d.search.q ? (
          <Badge variant="light" color="gray" tt="none">
            {t("cases.sortedByRelevance")}
          </Badge>
        ) : null}
      </Group>
      {d.rows.length === 0 ? (
        <EmptyState d={d} />
      ) : (
        <Stack component="ol" gap="sm" p={0} m={0} aria-label={t("cases.results")}>
          {d.rows.map((row) => (
            <ResultItem key={row.id} row={row} search={d.search} />
          ))}
        </Stack>
      )}
      <Pages d={d} />
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
