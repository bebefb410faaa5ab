import { Anchor, Box, Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, Title } from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrorSummary, useFormFields } from "~/components/form-fields";
import { RocDate } from "~/components/roc-date";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { formFailure, parseForm, runCommand } from "~/modules/forms.server";
import { startPracticeSchema } from "~/modules/quizzes/attempt-forms.server";
import { PRACTICE_COUNTS } from "~/modules/quizzes/attempts.schema";
import { listMyPractice, listPracticeTopics, startPractice } from "~/modules/quizzes/attempts.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "quizzes.take");
  const [categories, history] = await Promise.all([listPracticeTopics(args.context.db, user.officeId), listMyPractice(args.context.db, user.id)]);
  // Topics are the first part of a category path (戶籍法/遷徙登記 → 戶籍法); a topic covers its sub-categories.
  const topics = new Map<string, { topic: string; count: number; subs: { category: string; label: string; count: number }[] }>();
  for (const c of categories) {
    const [top, ...rest] = c.category.split("/");
    const entry = topics.get(top) ?? { topic: top, count: 0, subs: [] };
    entry.count += c.count;
    if (rest.length) entry.subs.push({ category: c.category, label: rest.join("/"), count: c.count });
    topics.set(top, entry);
  }
  return {
    topics: [...topics.values()],
    history: history.map((h) => ({
      id: h.attemptId,
      startedAt: h.startedAt.toISOString(),
      answered: h.answered,
      total: h.total,
      done: h.state === "submitted",
      percent: h.percent,
    })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "quizzes.take");
  const formData = await args.request.formData();
  // parseForm turns messages outside "errors." into errors.invalid; this one has its own words.
  if (formData.getAll("categories").length === 0) return data(formFailure(formData, { categories: "practice.error.chooseTopic" }), { status: 400 });
  const parsed = parseForm(startPracticeSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const outcome = await runCommand(formData, () => startPractice(args.context.db, user, parsed.data));
  if (!outcome.ok) return outcome.response;
  throw redirect(`/practice/${outcome.result}`);
}

export default function PracticeHome() {
  const { topics, history } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const fields = useFormFields(failure, { count: "10" });
  const chosen = new Set(fields.listOf("categories"));
  return (
    <Stack maw={820} gap="md">
      <Title order={1}>{t("practice.title")}</Title>
      <Text c="gray.8">{t("practice.intro")}</Text>
      {topics.length === 0 ? (
        <Paper withBorder p="lg">
          <Text>{t("practice.noTopics")}</Text>
        </Paper>
      ) : (
        <Paper withBorder p={{ base: "sm", sm: "lg" }} radius="md">
          <Form method="post" noValidate>
            <Stack gap="md">
              <FormErrorSummary state={failure} />
              <fieldset style={{ border: 0, padding: 0, margin: 0 }} aria-describedby={fields.errorOf("categories") ? "categories-error" : undefined}>
                <legend>
                  <Text fw={700}>{t("practice.topics")}</Text>
                </legend>
                {fields.errorOf("categories") ? (
                  <Text id="categories-error" c="red.8" size="sm" mt={4}>
                    {fields.errorOf("categories")}
                  </Text>
                ) : null}
                <Stack gap="sm" mt="xs">
                  {topics.map((topic) => (
                    <Box key={topic.topic}>
                      <Checkbox
                        name="categories"
                        value={topic.topic}
                        defaultChecked={chosen.has(topic.topic)}
                        label={
                          <Text span fw={600}>
                            {topic.topic}{" "}
                            <Text span c="gray.7" size="sm">
                              （{t("practice.topicCount", { count: topic.count })}）
                            </Text>
                          </Text>
                        }
                      />
                      {topic.subs.length ? (
                        <Group gap="xs" ml={32} mt={6}>
                          {topic.subs.map((sub) => (
                            <Checkbox
                              key={sub.category}
                              size="xs"
                              name="categories"
                              value={sub.category}
                              defaultChecked={chosen.has(sub.category)}
                              label={`${sub.label}（${sub.count}）`}
                            />
                          ))}
                        </Group>
                      ) : null}
                    </Box>
                  ))}
                </Stack>
              </fieldset>
              <NativeSelect
                id="f-count"
                name="count"
                label={t("practice.count")}
                defaultValue={fields.valueOf("count")}
                error={fields.errorOf("count")}
                data={PRACTICE_COUNTS.map((n) => ({ value: String(n), label: t("practice.countOption", { n }) }))}
                maw={200}
              />
              <Group>
                <Button type="submit">{t("practice.start")}</Button>
              </Group>
            </Stack>
          </Form>
        </Paper>
      )}
      {history.length ? (
        <Paper withBorder p={{ base: "sm", sm: "lg" }} radius="md">
          <Title order={2} size="h4" mb="sm">
            {t("practice.history")}
          </Title>
          <Stack gap={6}>
            {history.map((h) => (
              <Group key={h.id} justify="space-between" gap="xs">
                <Text size="sm">
                  <RocDate value={h.startedAt} withTime />
                  {"　"}
                  {h.done
                    ? t("practice.historyRow", { answered: h.answered, total: h.total, percent: Math.round(h.percent ?? 0) })
                    : t("practice.historyRowOpen", { answered: h.answered, total: h.total })}
                </Text>
                <Anchor component={Link} to={`/practice/${h.id}`} size="sm">
                  {h.done ? t("practice.summaryTitle") : t("practice.continue")}
                </Anchor>
              </Group>
            ))}
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
