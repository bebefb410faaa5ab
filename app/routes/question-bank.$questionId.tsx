import { Alert, Anchor, Badge, Button, Grid, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormErrorSummary } from "~/components/form-fields";
import { categoryLabel } from "~/components/quizzes/bank/category-options";
import { QuestionView, TagList } from "~/components/quizzes/bank/question-view";
import { RocDate } from "~/components/roc-date";
import { isMessageKey, type MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { notFound, requirePermission } from "~/modules/auth/guards.server";
import { parseForm, runCommand } from "~/modules/forms.server";
import { requireIdParam } from "~/modules/params";
import { stableStringify } from "~/modules/quizzes/content-hash";
import { activeSchema, editGiftSchema, questionTypeLabel } from "~/modules/quizzes/question-bank.schema";
import { editQuestionAsGift, getQuestionWithVersions, setQuestionActive, versionAsGift, type StoredQuestion } from "~/modules/quizzes/question-bank.server";

/** The parts of a question a reader compares; everything not listed is its answers. */
const COMPARED_FIELDS = ["name", "category", "tags", "type", "textFormat", "text", "generalFeedback"] as const;

function changedParts(a: StoredQuestion, b: StoredQuestion): string[] {
  const changed: string[] = COMPARED_FIELDS.filter((f) => stableStringify(a[f]) !== stableStringify(b[f]));
  const rest = (q: StoredQuestion) => {
    const copy: Record<string, unknown> = { ...q };
    for (const f of [...COMPARED_FIELDS, "id", "line"]) delete copy[f];
    return stableStringify(copy);
  };
  if (rest(a) !== rest(b)) changed.push("answers");
  return changed;
}

function versionParam(value: string | null | undefined): number | null {
  return value && /^\d{1,6}$/.test(value) ? Number(value) : null;
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "questionBank.manage");
  const id = requireIdParam(args.params.questionId);
  // Scoped read: another office's question is not found (ARCHITECTURE rule 4).
  const question = await getQuestionWithVersions(args.context.db, user.officeId, id);
  if (!question) notFound();
  const url = new URL(args.request.url);
  const current = question.versions.find((v) => v.id === question.currentVersionId) ?? question.versions[0];
  const byNumber = (n: number | null) => question.versions.find((v) => v.version === n);

  const asked = url.searchParams.get("version");
  const shown = asked === null ? current : byNumber(versionParam(asked));
  if (!shown) notFound();

  let compare = null;
  const pair = url.searchParams.get("compare")?.split(",") ?? [url.searchParams.get("a"), url.searchParams.get("b")];
  if (pair[0] && pair[1]) {
    const [a, b] = [byNumber(versionParam(pair[0])), byNumber(versionParam(pair[1]))];
    if (!a || !b) notFound();
    const [older, newer] = a.version <= b.version ? [a, b] : [b, a];
    compare = {
      a: {
        version: older.version,
        body: older.body,
        createdAt: older.createdAt.toISOString(),
      },
      b: {
        version: newer.version,
        body: newer.body,
        createdAt: newer.createdAt.toISOString(),
      },
      changed: changedParts(older.body, newer.body),
    };
  }

  let editGift = "";
  try {
    editGift = versionAsGift(current.body);
  } catch {
    // A question that GIFT cannot express (only possible for data not imported from GIFT): edit from scratch.
  }

  return {
    question: {
      id: question.id,
      externalId: question.externalId,
      category: question.category,
      active: question.active,
      createdAt: question.createdAt.toISOString(),
      updatedAt: question.updatedAt.toISOString(),
    },
    currentVersion: current.version,
    shown: {
      version: shown.version,
      type: shown.type,
      name: shown.name,
      tags: shown.tags,
      body: shown.body,
      createdAt: shown.createdAt.toISOString(),
    },
    versions: question.versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt.toISOString(),
      author: v.authorName ? `${v.authorName}（${v.authorEmployeeNo}）` : null,
      attemptCount: v.attemptCount,
    })),
    compare,
    editGift,
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "questionBank.manage");
  const id = requireIdParam(args.params.questionId);
  const formData = await args.request.formData();
  if (formData.get("intent") === "active") {
    const parsed = parseForm(activeSchema, formData);
    if (!parsed.ok) return data(parsed, { status: 400 });
    if (!(await setQuestionActive(args.context.db, user, user.officeId, id, parsed.data.active))) notFound();
    throw redirect(`/question-bank/${id}?notice=${parsed.data.active ? "restored" : "retired"}`);
  }
  const parsed = parseForm(editGiftSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const outcome = await runCommand(formData, () => editQuestionAsGift(args.context.db, user, user.officeId, id, parsed.data.gift));
  if (!outcome.ok) return outcome.response;
  if (!outcome.result) notFound();
  throw redirect(`/question-bank/${id}?notice=${outcome.result.changed ? "newVersion" : "noChange"}`);
}

const NOTICES: Record<string, MessageKey> = {
  newVersion: "bank.notice.newVersion",
  noChange: "bank.notice.noChange",
  retired: "bank.notice.retired",
  restored: "bank.notice.restored",
};

export default function QuestionPage() {
  const { question, currentVersion, shown, versions, compare, editGift } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [params] = useSearchParams();
  const notice = NOTICES[params.get("notice") ?? ""];
  const giftError = actionData?.errors?.gift;
  const typedGift = actionData?.values?.gift;
  const base = `/question-bank/${question.id}`;
  const fieldLabel = (f: string) => t(`bank.field.${f}` as MessageKey);

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text size="sm">
            <Anchor component={Link} to="/question-bank">
              {t("bank.title")}
            </Anchor>{" "}
            › {categoryLabel(question.category, t)}
          </Text>
          <Title order={1}>{shown.name}</Title>
          <Group gap="xs">
            <Badge variant="light">{t(questionTypeLabel(shown.type))}</Badge>
            <Badge variant="outline" color={shown.version === currentVersion ? "blue.8" : "orange.8"}>
              {t("bank.question.versionOf", { version: shown.version })}
              {shown.version === currentVersion ? `・${t("bank.question.current")}` : ""}
            </Badge>
            {question.active ? null : <Badge color="gray">{t("bank.status.retired")}</Badge>}
            <Text size="sm" c="gray.7" ff="monospace">
              {question.externalId}
            </Text>
          </Group>
        </Stack>
        <Button component={Link} to="/question-bank" variant="default">
          {t("common.back")}
        </Button>
      </Group>

      {notice ? (
        <Alert color="green" role="status" data-testid="notice">
          {t(notice)}
        </Alert>
      ) : null}
      {question.active ? null : <Alert color="gray">{t("bank.question.retired")}</Alert>}
      {shown.version !== currentVersion && !compare ? (
        <Alert color="orange">
          {t("bank.question.viewingOld", {
            version: shown.version,
            current: currentVersion,
          })}{" "}
          <Anchor component={Link} to={base}>
            {t("bank.question.backToCurrent")}
          </Anchor>
        </Alert>
      ) : null}

      {compare ? (
        <Paper withBorder p="lg" data-testid="compare">
          <Stack>
            <Group justify="space-between">
              <Title order={2} size="h3">
                {t("bank.versions.compareTitle", {
                  a: compare.a.version,
                  b: compare.b.version,
                })}
              </Title>
              <Button component={Link} to={base} variant="default" size="xs">
                {t("bank.versions.closeCompare")}
              </Button>
            </Group>
            <Alert color={compare.changed.length ? "yellow" : "gray"}>
              {compare.changed.length
                ? t("bank.versions.changed", {
                    fields: compare.changed.map(fieldLabel).join("、"),
                  })
                : t("bank.versions.noChange")}
            </Alert>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {[compare.a, compare.b].map((side) => (
                <Stack key={side.version} gap="xs">
                  <Group gap="xs">
                    <Title order={3} size="h4">
                      {t("bank.question.versionOf", { version: side.version })}
                    </Title>
                    <Text size="sm" c="gray.7">
                      <RocDate value={side.createdAt} withTime />
                    </Text>
                  </Group>
                  <Text size="sm">
                    {side.body.name}・{categoryLabel(side.body.category, t)}
                  </Text>
                  <TagList tags={side.body.tags} />
                  <QuestionView body={side.body} headingLevel={3} />
                </Stack>
              ))}
            </SimpleGrid>
          </Stack>
        </Paper>
      ) : null}

      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            {compare ? null : (
              <Paper withBorder p="lg">
                <QuestionView body={shown.body} />
              </Paper>
            )}
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="xs">
                {t("bank.versions.title")}
              </Title>
              <Table.ScrollContainer minWidth={440}>
                <Table withTableBorder fz="sm" data-testid="versions">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t("bank.col.version")}</Table.Th>
                      <Table.Th scope="col">{t("bank.versions.date")}</Table.Th>
                      <Table.Th scope="col">{t("bank.versions.author")}</Table.Th>
                      <Table.Th scope="col">{t("bank.versions.attempts")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {versions.map((v) => (
                      <Table.Tr key={v.version} bg={v.version === shown.version ? "blue.0" : undefined}>
                        <Table.Td>
                          <Stack gap={0}>
                            <Group gap={4} wrap="nowrap">
                              <Anchor
                                component={Link}
                                to={v.version === currentVersion ? base : `${base}?version=${v.version}`}
                                aria-current={v.version === shown.version ? "page" : undefined}
                              >
                                {t("bank.question.versionOf", {
                                  version: v.version,
                                })}
                              </Anchor>
                              {v.version === currentVersion ? (
                                <Badge size="xs" variant="light">
                                  {t("bank.question.current")}
                                </Badge>
                              ) : null}
                            </Group>
                            {v.version !== currentVersion ? (
                              <Anchor component={Link} to={`${base}?compare=${v.version},${currentVersion}`} size="xs">
                                {t("bank.versions.compareWith")}
                              </Anchor>
                            ) : null}
                          </Stack>
                        </Table.Td>
                        <Table.Td>
                          <RocDate value={v.createdAt} withTime />
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: "nowrap" }}>
                          {v.author ?? (
                            <Text c="dimmed" size="sm">
                              {t("bank.versions.importedBySystem")}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{v.attemptCount}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {versions.length > 1 ? (
                <Form method="get">
                  <Group align="flex-end" gap="xs" mt="sm">
                    <NativeSelect
                      name="a"
                      label={t("bank.versions.a")}
                      size="xs"
                      defaultValue={String(versions[1].version)}
                      data={versions.map((v) => String(v.version))}
                    />
                    <NativeSelect
                      name="b"
                      label={t("bank.versions.b")}
                      size="xs"
                      defaultValue={String(currentVersion)}
                      data={versions.map((v) => String(v.version))}
                    />
                    <Button type="submit" size="xs" variant="light">
                      {t("bank.versions.compare")}
                    </Button>
                  </Group>
                </Form>
              ) : null}
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="xs">
                {t("bank.question.meta")}
              </Title>
              <Stack gap={6}>
                <Text size="sm">
                  {t("bank.col.category")}：{categoryLabel(shown.body.category, t)}
                </Text>
                <Text size="sm">{t("bank.col.tags")}：</Text>
                <TagList tags={shown.tags} />
                <Text size="sm">
                  {t("bank.col.updated")}：
                  <RocDate value={question.updatedAt} withTime />
                </Text>
              </Stack>
            </Paper>
            <Paper withBorder p="md">
              <Form method="post">
                <input type="hidden" name="intent" value="active" />
                <input type="hidden" name="active" value={question.active ? "false" : "true"} />
                <Stack gap="xs">
                  <Text size="sm" c="gray.7">
                    {t("bank.question.retireHint")}
                  </Text>
                  <Group>
                    <Button type="submit" color={question.active ? "orange.8" : "green.8"} variant="light">
                      {question.active ? t("bank.question.retire") : t("bank.question.restore")}
                    </Button>
                  </Group>
                </Stack>
              </Form>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>

      <Paper withBorder p="lg">
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="edit" />
          <Stack>
            <Title order={2} size="h3">
              {t("bank.edit.title")}
            </Title>
            <Text size="sm" c="gray.7">
              {t("bank.edit.hint", {
                next: (versions[0]?.version ?? currentVersion) + 1,
              })}
            </Text>
            <FormErrorSummary state={actionData} />
            <Textarea
              id="f-gift"
              name="gift"
              label={t("bank.edit.field")}
              defaultValue={typeof typedGift === "string" ? typedGift : editGift}
              error={giftError ? (isMessageKey(giftError) ? t(giftError) : giftError) : undefined}
              autosize
              minRows={8}
              maxRows={30}
              spellCheck={false}
              styles={{
                input: {
                  fontFamily: "var(--mantine-font-family-monospace)",
                  fontSize: 13,
                },
              }}
            />
            <Group>
              <Button type="submit">{t("bank.edit.save")}</Button>
            </Group>
          </Stack>
        </Form>
      </Paper>
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
