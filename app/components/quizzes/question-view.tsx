// One question of an attempt: for answering (native inputs named q<position>.<part>, so the form
// works without JavaScript and the page can save on every change) or for review (my answer, the
// right one, per-answer feedback and the explanation). Text is always shown as text with its line
// breaks: never as HTML.
import { Badge, Box, Checkbox, Group, NativeSelect, Paper, Radio, Stack, Table, Text, TextInput, Textarea, ThemeIcon, type TextProps } from "@mantine/core";
import type { ReactNode } from "react";
import { useT } from "~/i18n/use-t";
import { answerField, answerKindOf, type ItemDto } from "~/modules/quizzes/attempts.schema";
import type { QuestionResponse } from "~/modules/quizzes/grading";

type R = Record<string, unknown> | null;

function asRecord(response: QuestionResponse | null): R {
  return response as R;
}

/** Text as written, line breaks kept; React escapes it. */
export function PlainText({ children, ...rest }: { children: string; id?: string } & TextProps) {
  return (
    <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }} {...rest}>
      {children}
    </Text>
  );
}

interface Props {
  item: ItemDto;
  mode: "answer" | "review";
  /** A numerical answer the server refused, shown back with its message. */
  typed?: string;
  error?: string;
  /** Hide the heading row (practice shows its own). */
  compact?: boolean;
}

export function QuestionView({ item, mode, typed, error, compact }: Props) {
  const t = useT();
  const { question } = item;
  const headingId = `q${item.position}-heading`;
  const textId = `q${item.position}-text`;
  return (
    <Paper withBorder p={{ base: "sm", sm: "lg" }} radius="md" component="section" aria-labelledby={headingId} data-testid={`question-${item.position}`}>
      <Stack gap="sm">
        {compact ? (
          <span id={headingId} hidden>
            {t("quiz.question", { n: item.position })}
          </span>
        ) : (
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text id={headingId} fw={700} c="blue.9">
            {question.type === "description" ? t("quiz.description") : t("quiz.question", { n: item.position })}
          </Text>
          <Group gap={6}>
            {mode === "review" && item.review ? <Mark item={item} /> : null}
            {question.type !== "description" && question.type !== "essay" ? (
              <Badge variant="light" color="gray" size="sm">
                {mode === "review" && item.review?.earned !== null && item.review?.earned !== undefined
                  ? t("quiz.earned", { earned: trimNumber(item.review.earned), points: trimNumber(item.points) })
                  : t("quiz.points", { points: trimNumber(item.points) })}
              </Badge>
            ) : null}
          </Group>
        </Group>
        )}
        <PlainText id={textId} size="md" fw={500}>
          {question.text}
        </PlainText>
        {mode === "answer" ? <AnswerInputs item={item} textId={textId} typed={typed} error={error} /> : <ReviewBody item={item} />}
      </Stack>
    </Paper>
  );
}

export function trimNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function Mark({ item }: { item: ItemDto }) {
  const t = useT();
  const f = item.review?.fraction;
  if (f === null || f === undefined) return <Badge color="gray">{t("quiz.notGraded")}</Badge>;
  if (f >= 1) return <Badge color="green.8">{t("quiz.correctMark")}</Badge>;
  if (f > 0) return <Badge color="yellow.8">{t("quiz.partialMark")}</Badge>;
  return <Badge color="red.8">{t("quiz.wrongMark")}</Badge>;
}

// ---------------------------------------------------------------- answering

// Each choice sits in a roomy box, so it is easy to hit on a phone; the whole label line is clickable.
const OPTION_BOX = { border: "1px solid var(--mantine-color-gray-3)", borderRadius: 6, padding: "8px 10px" } as const;
const OPTION_STYLES = { body: { alignItems: "flex-start" }, labelWrapper: { flex: 1 }, label: { cursor: "pointer", paddingInlineStart: 10 } } as const;

function AnswerInputs({ item, textId, typed, error }: { item: ItemDto; textId: string; typed?: string; error?: string }) {
  const t = useT();
  const { question, position } = item;
  const r = asRecord(item.response);
  const kind = answerKindOf(question);
  const hidden = <input type="hidden" name={answerField(position, "kind")} value={kind} />;
  switch (kind) {
    case "choice":
    case "choices": {
      const chosen = kind === "choice" ? [r?.choice] : Array.isArray(r?.choices) ? (r.choices as number[]) : [];
      return (
        <div role={kind === "choice" ? "radiogroup" : "group"} aria-labelledby={textId}>
          {hidden}
          <Text size="sm" c="gray.7" mb={6}>
            {kind === "choice" ? t("quiz.chooseOne") : t("quiz.chooseMany")}
          </Text>
          <Stack gap={6}>
            {question.choices.map((c, i) => {
              const id = `q${position}-c${c.index}`;
              const label = (
                <span style={{ whiteSpace: "pre-wrap" }}>
                  {String.fromCharCode(65 + i)}. {c.text}
                </span>
              );
              return (
                <Box key={c.index} style={OPTION_BOX}>
                  {kind === "choice" ? (
                    <Radio id={id} name={answerField(position, "choice")} value={String(c.index)} defaultChecked={chosen.includes(c.index)} label={label} styles={OPTION_STYLES} />
                  ) : (
                    <Checkbox id={id} name={answerField(position, "choices")} value={String(c.index)} defaultChecked={chosen.includes(c.index)} label={label} styles={OPTION_STYLES} />
                  )}
                </Box>
              );
            })}
          </Stack>
        </div>
      );
    }
    case "tf":
      return (
        <div role="radiogroup" aria-labelledby={textId}>
          {hidden}
          <Group gap="xl">
            {[true, false].map((v) => (
              <Box key={String(v)} style={{ ...OPTION_BOX, minWidth: 120 }}>
                <Radio
                  styles={OPTION_STYLES}
                  id={`q${position}-${v}`}
                  name={answerField(position, "tf")}
                  value={String(v)}
                  defaultChecked={r?.value === v}
                  label={v ? t("quiz.true") : t("quiz.false")}
                />
              </Box>
            ))}
          </Group>
        </div>
      );
    case "num":
      return (
        <>
          {hidden}
          <TextInput
            id={`q${position}-num`}
            name={answerField(position, "num")}
            label={t("quiz.yourAnswer")}
            placeholder={t("quiz.numberPlaceholder")}
            inputMode="decimal"
            autoComplete="off"
            defaultValue={typed ?? (typeof r?.value === "number" ? String(r.value) : "")}
            error={error}
            maw={260}
          />
        </>
      );
    case "text":
      return (
        <>
          {hidden}
          {question.type === "essay" ? (
            <Textarea
              id={`q${position}-text`}
              name={answerField(position, "text")}
              label={t("quiz.yourAnswer")}
              description={t("quiz.essayNote")}
              autosize
              minRows={4}
              defaultValue={typeof r?.text === "string" ? r.text : ""}
            />
          ) : (
            <TextInput
              id={`q${position}-text`}
              name={answerField(position, "text")}
              label={t("quiz.yourAnswer")}
              placeholder={t("quiz.textPlaceholder")}
              autoComplete="off"
              defaultValue={typeof r?.text === "string" ? r.text : ""}
              maw={420}
            />
          )}
        </>
      );
    case "pairs": {
      const pairs = (r?.pairs ?? {}) as Record<string, string>;
      return (
        <Stack gap="xs">
          {hidden}
          {question.subQuestions.map((s) => (
            <NativeSelect
              key={s.index}
              id={`q${position}-p${s.index}`}
              name={answerField(position, `pair.${s.index}`)}
              label={s.text}
              defaultValue={pairs[String(s.index)] ?? ""}
              data={[{ value: "", label: t("quiz.matchPlaceholder") }, ...question.matchOptions.map((o) => ({ value: o, label: o }))]}
              maw={520}
            />
          ))}
        </Stack>
      );
    }
    default:
      return hidden;
  }
}

// ---------------------------------------------------------------- review

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <Text size="sm" c="gray.7" style={{ flex: "0 0 auto", minWidth: "6.5em" }}>
        {label}
      </Text>
      <Box style={{ flex: 1, minWidth: 0 }}>{children}</Box>
    </Group>
  );
}

function ReviewBody({ item }: { item: ItemDto }) {
  const t = useT();
  const { question, review } = item;
  const r = asRecord(item.response);
  const correct = asRecord(review?.correct ?? null);
  const none = (
    <Text size="sm" c="red.8">
      {t("quiz.noAnswer")}
    </Text>
  );

  let body: ReactNode = null;
  switch (question.type) {
    case "multichoice": {
      const chosen = question.single ? [r?.choice] : Array.isArray(r?.choices) ? (r.choices as number[]) : [];
      const right = correct ? (question.single ? [correct.choice] : ((correct.choices as number[]) ?? [])) : [];
      body = (
        <Stack gap={6} role="list">
          {question.choices.map((c, i) => {
            const isChosen = chosen.includes(c.index);
            const isRight = right.includes(c.index);
            const info = review?.choiceInfo[c.index];
            return (
              <Box
                key={c.index}
                role="listitem"
                p={8}
                style={{
                  borderRadius: 6,
                  border: `1px solid ${isRight ? "var(--mantine-color-green-7)" : isChosen && review ? "var(--mantine-color-red-6)" : "var(--mantine-color-gray-3)"}`,
                  background: isRight ? "var(--mantine-color-green-0)" : undefined,
                }}
              >
                <Group gap={8} wrap="nowrap" align="flex-start">
                  <ThemeIcon size="sm" radius="xl" variant={isChosen ? "filled" : "outline"} color={isChosen ? "blue.8" : "gray.5"} aria-hidden>
                    <span style={{ fontSize: 10 }}>{isChosen ? "●" : ""}</span>
                  </ThemeIcon>
                  <Box style={{ flex: 1, minWidth: 0 }}>
                    <PlainText size="sm">{`${String.fromCharCode(65 + i)}. ${c.text}`}</PlainText>
                    <Group gap={6} mt={2}>
                      {isChosen ? (
                        <Badge size="xs" variant="light" color="blue.8">
                          {t("quiz.yourChoice")}
                        </Badge>
                      ) : null}
                      {isRight ? (
                        <Badge size="xs" color="green.8">
                          {t("quiz.rightAnswer")}
                        </Badge>
                      ) : null}
                    </Group>
                    {isChosen && info?.feedback ? (
                      <PlainText size="sm" c="gray.8" mt={4}>
                        {info.feedback}
                      </PlainText>
                    ) : null}
                  </Box>
                </Group>
              </Box>
            );
          })}
        </Stack>
      );
      break;
    }
    case "truefalse": {
      const label = (v: unknown) => (v === true ? t("quiz.true") : v === false ? t("quiz.false") : null);
      body = (
        <Stack gap={4}>
          <Labelled label={t("quiz.yourAnswer")}>{label(r?.value) ? <Text size="sm">{label(r?.value)}</Text> : none}</Labelled>
          {correct ? (
            <Labelled label={t("quiz.rightAnswer")}>
              <Text size="sm" fw={700} c="green.9">
                {label(correct.value)}
              </Text>
            </Labelled>
          ) : null}
        </Stack>
      );
      break;
    }
    case "shortanswer":
    case "numerical":
    case "essay": {
      const given = question.type === "numerical" ? (typeof r?.value === "number" ? String(r.value) : null) : typeof r?.text === "string" ? r.text : null;
      body = (
        <Stack gap={4}>
          <Labelled label={t("quiz.yourAnswer")}>{given ? <PlainText size="sm">{given}</PlainText> : none}</Labelled>
          {review && review.acceptedAnswers.length ? (
            <Labelled label={review.acceptedAnswers.length > 1 ? t("quiz.acceptedAnswers") : t("quiz.rightAnswer")}>
              <Text size="sm" fw={700} c="green.9">
                {review.acceptedAnswers.join("、")}
              </Text>
            </Labelled>
          ) : null}
          {question.type === "essay" ? (
            <Text size="xs" c="gray.7">
              {t("quiz.essayNote")}
            </Text>
          ) : null}
        </Stack>
      );
      break;
    }
    case "matching": {
      const pairs = (r?.pairs ?? {}) as Record<string, string>;
      const right = (correct?.pairs ?? {}) as Record<string, string>;
      body = (
        <Table withTableBorder verticalSpacing={6} fz="sm">
          <Table.Tbody>
            {question.subQuestions.map((s) => {
              const mine = pairs[String(s.index)];
              const ok = review ? mine === right[String(s.index)] : undefined;
              return (
                <Table.Tr key={s.index}>
                  <Table.Td style={{ whiteSpace: "pre-wrap" }}>{s.text}</Table.Td>
                  <Table.Td>
                    {mine ? (
                      <Text size="sm" c={ok === undefined ? undefined : ok ? "green.9" : "red.8"}>
                        {mine}
                        {ok === undefined ? "" : ok ? "（✓）" : "（✗）"}
                      </Text>
                    ) : (
                      none
                    )}
                  </Table.Td>
                  {review ? (
                    <Table.Td>
                      <Text size="sm" fw={700} c="green.9">
                        {right[String(s.index)]}
                      </Text>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      );
      break;
    }
    default:
      body = null;
  }

  const otherFeedback = question.type !== "multichoice" ? (review?.feedback ?? []) : [];
  return (
    <Stack gap="sm">
      {body}
      {otherFeedback.length ? (
        <Box>
          <Text size="sm" fw={700}>
            {t("quiz.feedback")}
          </Text>
          {otherFeedback.map((f, i) => (
            <PlainText key={i} size="sm">
              {f}
            </PlainText>
          ))}
        </Box>
      ) : null}
      {review?.generalFeedback ? (
        <Box p="sm" bg="blue.0" style={{ borderRadius: 6, borderLeft: "4px solid var(--mantine-color-blue-7)" }} data-testid="explanation">
          <Text size="sm" fw={700} c="blue.9" mb={4}>
            {t("quiz.explanation")}
          </Text>
          <PlainText size="sm">{review.generalFeedback}</PlainText>
        </Box>
      ) : null}
    </Stack>
  );
}
