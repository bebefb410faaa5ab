// The questionnaire's inputs, one <fieldset> with a <legend> per question so each radio group has an
// accessible name (「第 3 題 …」), the error sentence beside the question, and what was typed or saved
// as the starting value. Plain form fields: the form works without JavaScript (only the free-text
// counter needs it, and the limit is said in text too).
import { Badge, Checkbox, Group, Radio, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useT } from "~/i18n/use-t";
import type { DemographicQuestion, Question } from "~/modules/surveys/template";

export type FieldValue = string | string[] | undefined;

const LIKERT = [
  [1, "非常不同意"],
  [2, "不同意"],
  [3, "普通"],
  [4, "同意"],
  [5, "非常同意"],
] as const;

const FIELDSET_STYLE = { border: 0, padding: 0, margin: 0, minWidth: 0 } as const;

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text.replace(/\r\n?/g, "\n").trim()) n += 1;
  return n;
}

function asList(value: FieldValue): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
function asOne(value: FieldValue): string {
  return value === undefined ? "" : Array.isArray(value) ? (value[0] ?? "") : value;
}

export function QuestionField({ question, number, value, error }: { question: Question; number: number; value: FieldValue; error?: string }) {
  const t = useT();
  const name = `q.${question.id}`;
  const base = `q-${question.id}`;
  const errorId = `${base}-error`;
  const helpId = `${base}-help`;
  const describedBy = [question.help || question.kind === "scale0to10" || question.kind === "multiple_choice" ? helpId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  const current = asOne(value);

  let body: React.ReactNode;
  switch (question.kind) {
    case "likert5":
      body = (
        <Group gap="lg" wrap="wrap">
          {LIKERT.map(([v, label]) => (
            <Radio key={v} id={`${base}-${v}`} name={name} value={String(v)} label={label} defaultChecked={current === String(v)} />
          ))}
        </Group>
      );
      break;
    case "scale0to10":
      body = (
        <Group gap="xs" wrap="wrap" align="center">
          <Text size="sm" c="gray.7" aria-hidden>
            {question.minLabel}
          </Text>
          {Array.from({ length: 11 }, (_, v) => (
            <Radio key={v} id={`${base}-${v}`} name={name} value={String(v)} label={String(v)} defaultChecked={current === String(v)} styles={{ body: { flexDirection: "column", alignItems: "center" }, labelWrapper: { textAlign: "center" } }} />
          ))}
          <Text size="sm" c="gray.7" aria-hidden>
            {question.maxLabel}
          </Text>
        </Group>
      );
      break;
    case "single_choice":
      body = (
        <Stack gap={6}>
          {question.options.map((o) => (
            <Radio key={o.value} id={`${base}-${o.value}`} name={name} value={o.value} label={o.label} description={o.description} defaultChecked={current === o.value} />
          ))}
        </Stack>
      );
      break;
    case "multiple_choice": {
      const ticked = asList(value);
      body = (
        <Stack gap={6}>
          {question.options.map((o) => (
            <Checkbox key={o.value} id={`${base}-${o.value}`} name={name} value={o.value} label={o.label} description={o.description} defaultChecked={ticked.includes(o.value)} />
          ))}
        </Stack>
      );
      break;
    }
    case "free_text":
      body = <FreeText id={`${base}-text`} name={name} initial={current} labelledBy={`${base}-legend`} describedBy={describedBy} />;
      break;
  }

  const help =
    question.kind === "scale0to10"
      ? (question.help ?? t("surveys.scaleEnds", { min: question.minLabel, max: question.maxLabel }))
      : question.kind === "multiple_choice" && question.maxSelected
        ? [question.help, t("surveys.maxSelected", { n: question.maxSelected })].filter(Boolean).join(" ")
        : question.help;

  return (
    <fieldset
      id={base}
      style={{ margin: 0, minWidth: 0, padding: "var(--mantine-spacing-sm)", borderRadius: 6, border: error ? "2px solid var(--mantine-color-red-7)" : "1px solid var(--mantine-color-gray-3)" }}
      aria-describedby={describedBy}
      aria-invalid={error ? true : undefined}
      data-testid="question"
      data-question-id={question.id}
      data-kind={question.kind}
      data-required={question.required ? "true" : "false"}
    >
      <legend id={`${base}-legend`} style={{ padding: 0, float: "left", width: "100%", marginBottom: 8 }}>
        <Text component="span" fw={600}>
          {t("surveys.questionNumber", { n: number })} {question.text}
        </Text>{" "}
        <Badge component="span" size="sm" variant="light" color={question.required ? "red" : "gray"}>
          {question.required ? t("surveys.required") : t("surveys.optional")}
        </Badge>
      </legend>
      <Stack gap={8} style={{ clear: "both" }}>
        {help ? (
          <Text id={helpId} size="sm" c="gray.7">
            {help}
          </Text>
        ) : null}
        {body}
        {error ? (
          <Text id={errorId} c="red.8" size="sm" fw={600} data-testid="question-error">
            {error}
          </Text>
        ) : null}
      </Stack>
    </fieldset>
  );
}

function FreeText({ id, name, initial, labelledBy, describedBy }: { id: string; name: string; initial: string; labelledBy: string; describedBy?: string }) {
  const t = useT();
  const [text, setText] = useState(initial);
  const n = codePoints(text);
  const max = 2000;
  return (
    <Stack gap={2}>
      <Textarea
        id={id}
        name={name}
        defaultValue={initial}
        onChange={(e) => setText(e.currentTarget.value)}
        autosize
        minRows={3}
        maxRows={12}
        aria-labelledby={labelledBy}
        aria-describedby={[describedBy, `${id}-counter`].filter(Boolean).join(" ")}
      />
      <Text id={`${id}-counter`} size="xs" c={n > max ? "red.8" : "gray.7"} ta="right" aria-live="polite">
        {t("surveys.textCounter", { n, max })}
      </Text>
    </Stack>
  );
}

export function DemographicField({ question, label, value }: { question: DemographicQuestion; label: string; value: FieldValue }) {
  const t = useT();
  const name = `d.${question.id}`;
  const base = `d-${question.id}`;
  const current = asOne(value);
  return (
    <fieldset id={base} style={FIELDSET_STYLE} data-testid="demographic" data-demographic-id={question.id}>
      <legend style={{ padding: 0, float: "left", width: "100%", marginBottom: 6 }}>
        <Text component="span" fw={600}>
          {question.text}
        </Text>{" "}
        <Text component="span" size="sm" c="gray.7">
          （{label}）
        </Text>
      </legend>
      <Stack gap={6} style={{ clear: "both" }}>
        <Group gap="lg" wrap="wrap">
          {question.options.map((o) => (
            <Radio key={o.value} id={`${base}-${o.value}`} name={name} value={o.value} label={o.label} description={o.description} defaultChecked={current === o.value} />
          ))}
          <Radio id={`${base}-none`} name={name} value="" label={t("surveys.noAnswer")} defaultChecked={current === ""} />
        </Group>
      </Stack>
    </fieldset>
  );
}
