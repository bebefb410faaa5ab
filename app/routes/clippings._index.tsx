// 新聞蒐集與傳閱: the office's clippings, newest first, searchable in Chinese (bigrams, as the cases);
// 「待您確認」 marks those circulated to the reader and not yet acknowledged in their current version.
import { Anchor, Badge, Button, Group, Mark, Paper, Stack, Table, Text, TextInput, Title, VisuallyHidden } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/notice";
import { RocDate } from "~/components/roc-date";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { listClippings } from "~/modules/knowledge/clippings.server";
import { excerptAround, highlight, type HighlightPart } from "~/modules/knowledge/highlight";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "clippings.use");
  const url = new URL(args.request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const pageParam = Number(url.searchParams.get("page"));
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  const result = await listClippings(args.context.db, user, { q, page });
  return {
    q,
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
    // A DTO: the text to show, with the searched words marked (highlight.ts), not the whole row.
    rows: result.rows.map((r) => {
      const excerpt = q ? excerptAround(r.summary, q, 90) : "";
      return {
        id: r.id,
        title: q ? highlight(r.title, q) : [{ text: r.title, match: false }],
        outlet: r.outlet,
        publishedOn: r.publishedOn,
        tags: r.tags,
        excerpt: excerpt ? highlight(excerpt, q) : [],
        circulatedToMe: r.circulatedToMe,
        toAcknowledge: r.toAcknowledge,
      };
    }),
  };
}

function Highlighted({ parts }: { parts: HighlightPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.match ? (
          <Mark key={i} color="yellow.3">
            {p.text}
          </Mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

export default function ClippingList() {
  const { q, total, page, pageCount, rows } = useLoaderData<typeof loader>();
  const t = useT();
  const pageHref = (n: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) }).toString()}`;
  return (
    <Stack maw={1280}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{t("clippings.listTitle")}</Title>
          <Text c="gray.7" size="sm">
            {t("clippings.listIntro")}
          </Text>
        </Stack>
        <Button component={Link} to="/clippings/new" data-testid="new-clipping">
          {t("clippings.new")}
        </Button>
      </Group>
      <Notice />
      <Form method="get" role="search" aria-label={t("clippings.search")}>
        <Group align="flex-end" gap="sm">
          <TextInput id="clippings-q" name="q" type="search" label={t("clippings.search")} placeholder={t("clippings.searchPlaceholder")} defaultValue={q} w={320} maxLength={100} />
          <Button type="submit">{t("clippings.searchButton")}</Button>
          {q ? (
            <Button component={Link} to="/clippings" variant="default">
              {t("clippings.clearSearch")}
            </Button>
          ) : null}
        </Group>
      </Form>
      <Text size="sm" c="gray.7" data-testid="result-count" aria-live="polite">
        {q ? t("clippings.resultCountFor", { q, total }) : t("clippings.resultCount", { total })}
      </Text>
      {rows.length === 0 ? (
        <Paper withBorder p="lg">
          <Text c="gray.7">{q ? t("clippings.noMatch", { q }) : t("clippings.empty")}</Text>
        </Paper>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover withTableBorder data-testid="clipping-list">
            <caption>
              <VisuallyHidden>{t("clippings.caption")}</VisuallyHidden>
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("clippings.col.title")}</Table.Th>
                <Table.Th scope="col" style={{ whiteSpace: "nowrap" }}>
                  {t("clippings.col.outlet")}
                </Table.Th>
                <Table.Th scope="col" style={{ whiteSpace: "nowrap" }}>
                  {t("clippings.col.publishedOn")}
                </Table.Th>
                <Table.Th scope="col">{t("clippings.col.tags")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id} data-testid="clipping-row">
                  <Table.Td>
                    <Group gap={8} wrap="nowrap" align="flex-start">
                      <Anchor component={Link} to={`/clippings/${r.id}`} fw={600}>
                        <Highlighted parts={r.title} />
                      </Anchor>
                      {r.toAcknowledge ? (
                        <Badge color="red.8" variant="filled" style={{ flexShrink: 0 }} data-testid="to-acknowledge">
                          {t("clippings.toAcknowledge")}
                        </Badge>
                      ) : null}
                    </Group>
                    {r.excerpt.length ? (
                      <Text size="sm" c="gray.7" mt={4}>
                        <Highlighted parts={r.excerpt} />
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{r.outlet}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <RocDate value={`${r.publishedOn}T00:00:00+08:00`} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {r.tags.map((tag) => (
                        <Badge key={tag} variant="light" color="gray" tt="none">
                          {tag}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pageCount > 1 ? (
        <Group component="nav" aria-label={t("clippings.pagination")} gap="sm">
          {page > 1 ? (
            <Button component={Link} to={pageHref(page - 1)} variant="default" size="xs">
              {t("clippings.previous")}
            </Button>
          ) : null}
          <Text size="sm">{t("clippings.pageOf", { page, pageCount })}</Text>
          {page < pageCount ? (
            <Button component={Link} to={pageHref(page + 1)} variant="default" size="xs">
              {t("clippings.next")}
            </Button>
          ) : null}
        </Group>
      ) : null}
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
