import { Badge, Box, Checkbox, Group, NumberInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useEffect, useMemo, useState } from "react";
import { useT } from "~/i18n/use-t";

export interface PickerQuestion {
  id: number;
  category: string;
  name: string;
  type: string;
  excerpt: string;
}

/**
 * The bank as a check-box list grouped by category, each with its points. Without JavaScript it is
 * the whole list; with it, a search box filters it and a counter shows what is picked. Filtered-out
 * rows stay in the form (hidden), so a search never drops a ticked question.
 */
export function QuestionPicker({
  questions,
  selected,
  points,
  disabled,
  pointsError,
}: {
  questions: PickerQuestion[];
  selected: number[];
  points: Record<string, string>;
  disabled: boolean;
  pointsError: (id: number) => string | undefined;
}) {
  const t = useT();
  const [hydrated, setHydrated] = useState(false);
  const [query, setQuery] = useState("");
  const [picked, setPicked] = useState<Set<number>>(() => new Set(selected));
  const [pointValues, setPointValues] = useState<Record<number, number>>(() =>
    Object.fromEntries(questions.map((q) => [q.id, Number(points[String(q.id)] ?? 1) || 1])),
  );
  useEffect(() => setHydrated(true), []);

  // A locked quiz (someone has taken it) lists only its own questions, read-only.
  const listed = useMemo(() => (disabled ? questions.filter((q) => selected.includes(q.id)) : questions), [disabled, questions, selected]);
  const groups = useMemo(() => {
    const map = new Map<string, PickerQuestion[]>();
    for (const q of listed) {
      const list = map.get(q.category) ?? [];
      list.push(q);
      map.set(q.category, list);
    }
    return [...map.entries()];
  }, [listed]);

  const needle = query.trim().toLowerCase();
  const matches = (q: PickerQuestion) => !needle || `${q.name} ${q.excerpt} ${q.category}`.toLowerCase().includes(needle);
  const totalPoints = [...picked].reduce((s, id) => s + (pointValues[id] ?? 1), 0);

  if (questions.length === 0) return <Text c="red.8">{t("quizAdmin.noBankQuestions")}</Text>;

  return (
    <Stack gap="xs">
      {hydrated && !disabled ? (
        <Group align="flex-end" justify="space-between">
          <TextInput
            label={t("quizAdmin.searchQuestions")}
            placeholder={t("quizAdmin.searchPlaceholder")}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            w={320}
            type="search"
          />
          <Text size="sm" fw={600} aria-live="polite" data-testid="picked-count">
            {t("quizAdmin.selectedCount", { n: picked.size, points: Math.round(totalPoints * 100) / 100 })}
          </Text>
        </Group>
      ) : null}
      <Box
        style={{ maxHeight: 480, overflowY: "auto", border: "1px solid var(--mantine-color-gray-4)", borderRadius: 4 }}
        p="sm"
        tabIndex={0}
        aria-label={t("quizAdmin.pickQuestions")}
        role="group"
      >
        {groups.map(([category, list]) => {
          const visible = list.filter(matches);
          return (
            <Box key={category || "-"} mb="md" hidden={visible.length === 0}>
              <Title order={4} size="h6" c="blue.9" mb={4}>
                {category || "—"} <Badge size="xs" variant="light">{list.length}</Badge>
              </Title>
              {list.map((q) => (
                <Group key={q.id} wrap="nowrap" align="flex-start" justify="space-between" py={4} hidden={!matches(q)} style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}>
                  <Checkbox
                    name="questionIds"
                    value={String(q.id)}
                    disabled={disabled}
                    checked={picked.has(q.id)}
                    onChange={(e) => {
                      const next = new Set(picked);
                      if (e.currentTarget.checked) next.add(q.id);
                      else next.delete(q.id);
                      setPicked(next);
                    }}
                    label={
                      <span>
                        <Text span fw={600} size="sm">
                          {q.name}
                        </Text>
                        <Text span size="xs" c="gray.7" display="block">
                          {q.excerpt}
                        </Text>
                      </span>
                    }
                    style={{ flex: 1 }}
                  />
                  <NumberInput
                    name={`points.${q.id}`}
                    aria-label={t("quizAdmin.pointsFor", { name: q.name })}
                    value={pointValues[q.id]}
                    onChange={(v) => setPointValues({ ...pointValues, [q.id]: Number(v) || 0 })}
                    min={0.5}
                    max={100}
                    step={0.5}
                    w={80}
                    size="xs"
                    disabled={disabled}
                    error={pointsError(q.id)}
                  />
                </Group>
              ))}
            </Box>
          );
        })}
      </Box>
    </Stack>
  );
}
