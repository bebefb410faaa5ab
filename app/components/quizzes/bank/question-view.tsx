import { Badge, Box, Group, Paper, Stack, Table, Text, ThemeIcon, Title, type TextProps } from "@mantine/core";
import { useT } from "~/i18n/use-t";
import type { ChoiceAnswer, QuestionInput } from "~/modules/quizzes/question-types";
import { stripTags } from "~/modules/quizzes/question-types";

type Body = QuestionInput;

/**
 * Question texts are shown as text, never as HTML: a bank file is outside input, and the office's
 * banks use plain text. An [html] text has its tags removed so it still reads well.
 */
function readable(text: string, format: Body["textFormat"]): string {
  return format === "html" ? stripTags(text.replace(/<br\s*\/?>/gi, "\n").replace(/<\/p>/gi, "\n")) : text;
}

function Prose({ children, ...rest }: { children: string } & TextProps) {
  return (
    <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} {...rest}>
      {children}
    </Text>
  );
}

function percent(fraction: number): string {
  return String(Math.round(fraction * 10000) / 100);
}

function ChoiceMark({ fraction }: { fraction: number }) {
  const t = useT();
  if (fraction >= 1) return <Badge color="green.8">✓ {t("bank.question.correct")}</Badge>;
  if (fraction > 0)
    return (
      <Badge color="teal.7" variant="light">
        ✓ {t("bank.question.partial", { percent: percent(fraction) })}
      </Badge>
    );
  if (fraction < 0)
    return (
      <Badge color="red.8" variant="light">
        {t("bank.question.penalty", { percent: percent(-fraction) })}
      </Badge>
    );
  return (
    <Badge color="gray" variant="outline">
      {t("bank.question.wrong")}
    </Badge>
  );
}

function Choices({ answers }: { answers: ChoiceAnswer[] }) {
  const t = useT();
  return (
    <Stack gap="xs" component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {answers.map((answer, i) => (
        <Paper
          key={i}
          component="li"
          withBorder
          p="xs"
          bg={answer.fraction > 0 ? "green.0" : undefined}
          style={answer.fraction > 0 ? { borderColor: "var(--mantine-color-green-6)" } : undefined}
        >
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <Text fw={600} w={24} c="gray.7" aria-hidden>
              {String.fromCharCode(65 + i)}.
            </Text>
            <Box style={{ flex: 1 }}>
              <Prose fw={answer.fraction > 0 ? 600 : undefined}>{answer.text}</Prose>
              {answer.feedback ? (
                <Text size="sm" c="gray.7" mt={2} style={{ whiteSpace: "pre-wrap" }}>
                  {t("bank.question.feedback", { feedback: answer.feedback })}
                </Text>
              ) : null}
            </Box>
            <ChoiceMark fraction={answer.fraction} />
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

function Answers({ body }: { body: Body }) {
  const t = useT();
  switch (body.type) {
    case "multichoice":
      return (
        <Stack gap="xs">
          <Text size="sm" c="gray.7">
            {body.single ? t("bank.question.single") : t("bank.question.multiple")}
          </Text>
          <Choices answers={body.answers} />
        </Stack>
      );
    case "shortanswer":
      return (
        <Stack gap="xs">
          <Text size="sm" c="gray.7">
            {t("bank.question.accepted")}
          </Text>
          <Choices answers={body.answers} />
        </Stack>
      );
    case "truefalse":
      return (
        <Stack gap="xs">
          <Text fw={600} c="green.9">
            ✓ {t("bank.question.trueAnswer", { answer: body.answer ? t("bank.question.true") : t("bank.question.false") })}
          </Text>
          {body.feedbackTrue ? (
            <Text size="sm">
              {t("bank.question.feedbackTrue")}：{body.feedbackTrue}
            </Text>
          ) : null}
          {body.feedbackFalse ? (
            <Text size="sm">
              {t("bank.question.feedbackFalse")}：{body.feedbackFalse}
            </Text>
          ) : null}
        </Stack>
      );
    case "numerical":
      return (
        <Stack gap="xs">
          <Choices
            answers={body.answers.map((a) => ({
              text: t("bank.question.numberAnswer", { value: a.value, tolerance: a.tolerance }),
              fraction: a.fraction,
              feedback: a.feedback,
            }))}
          />
          {body.otherwiseFeedback ? (
            <Text size="sm">
              {t("bank.question.otherwise")}：{body.otherwiseFeedback}
            </Text>
          ) : null}
        </Stack>
      );
    case "matching":
      return (
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("bank.question.pairQuestion")}</Table.Th>
              <Table.Th scope="col">{t("bank.question.pairAnswer")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {body.pairs.map((pair, i) => (
              <Table.Tr key={i}>
                <Table.Td>{pair.question || <Text c="dimmed">{t("bank.question.distractor")}</Text>}</Table.Td>
                <Table.Td>{pair.answer}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      );
    case "essay":
      return <Text c="gray.7">{t("bank.question.essay")}</Text>;
    case "description":
      return <Text c="gray.7">{t("bank.question.description")}</Text>;
  }
}

/** One version of a question as a supervisor reads it: text, answers with the right ones marked, feedback, 解說. */
export function QuestionView({ body, headingLevel = 2 }: { body: Body; headingLevel?: 2 | 3 }) {
  const t = useT();
  const h = headingLevel;
  return (
    <Stack gap="md">
      <section>
        <Title order={h} size="h4" mb={4}>
          {t("bank.question.text")}
        </Title>
        <Prose size="lg">{readable(body.text, body.textFormat)}</Prose>
      </section>
      <section>
        <Title order={h} size="h4" mb={4}>
          {t("bank.question.answers")}
        </Title>
        <Answers body={body} />
      </section>
      <Paper component="section" p="sm" bg="blue.0" withBorder style={{ borderColor: "var(--mantine-color-blue-3)" }}>
        <Group gap={6} mb={4}>
          <ThemeIcon size="sm" color="blue.8" aria-hidden>
            ℹ
          </ThemeIcon>
          <Title order={h} size="h5">
            {t("bank.question.explanation")}
          </Title>
        </Group>
        {body.generalFeedback ? <Prose>{readable(body.generalFeedback, body.textFormat)}</Prose> : <Text c="dimmed">{t("bank.question.noExplanation")}</Text>}
      </Paper>
    </Stack>
  );
}

export function TagList({ tags }: { tags: string[] }) {
  const t = useT();
  if (tags.length === 0)
    return (
      <Text c="dimmed" size="sm">
        {t("bank.question.noTags")}
      </Text>
    );
  return (
    <Group gap={4}>
      {tags.map((tag) => (
        <Badge key={tag} size="sm" variant="light" color="indigo.8">
          {tag}
        </Badge>
      ))}
    </Group>
  );
}
