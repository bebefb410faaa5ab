import { Alert, Anchor, Group, List, Loader, Text } from "@mantine/core";
import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useT } from "~/i18n/use-t";
import type { ProposalState } from "~/modules/proposals/proposal-workflow";
import { ProposalStateBadge } from "./proposal-badges";

export interface SimilarItem {
  id: number;
  referenceNo: string | null;
  title: string;
  state: ProposalState;
  similarity: number;
}

/** The earlier proposals that look like this one: number, title (a link, new tab), state, similarity. */
export function SimilarList({ items }: { items: SimilarItem[] }) {
  const t = useT();
  return (
    <List spacing={6} size="sm" data-testid="similar-list">
      {items.map((s) => (
        <List.Item key={s.id}>
          <Group gap="xs" wrap="wrap">
            {s.referenceNo ? <Text size="sm" c="gray.7">{s.referenceNo}</Text> : null}
            {/* A new tab, so what is being typed in the form is not lost. */}
            <Anchor component={Link} to={`/proposals/${s.id}`} target="_blank" rel="noopener" size="sm">
              {s.title}
            </Anchor>
            <ProposalStateBadge state={s.state} />
            <Text size="xs" c="gray.7">
              {t("proposals.similar.similarity", { n: Math.round(s.similarity * 100) })}
            </Text>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}

/** The server-side box on the proposal page, before 「送出」 (works without JavaScript). */
export function SimilarBox({ items }: { items: SimilarItem[] }) {
  const t = useT();
  return (
    <Alert
      color={items.length ? "yellow" : "gray"}
      variant="light"
      title={t("proposals.similar.title")}
      data-testid="similar-box"
      role={items.length ? "note" : undefined}
    >
      <Text size="sm" mb="xs">
        {items.length ? t("proposals.similar.found", { n: items.length }) : t("proposals.similar.none")}
      </Text>
      {items.length ? <SimilarList items={items} /> : null}
    </Alert>
  );
}

/**
 * While the title (and method) are typed, similar earlier proposals from /proposals/similar, asked
 * at most once per pause in typing (debounced fetcher). Rendered only once JavaScript runs: without
 * it the proposal page shows the same list, server-side, before 「送出」.
 */
export function LiveSimilarPanel({ title, method, excludeId }: { title: string; method: string; excludeId?: number }) {
  const t = useT();
  const fetcher = useFetcher<{ items: SimilarItem[] }>();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const load = useRef(fetcher.load);
  load.current = fetcher.load;
  useEffect(() => {
    if (title.trim().length < 2) return;
    const timer = setTimeout(() => {
      const params = new URLSearchParams({ title: title.trim(), method: method.trim().slice(0, 1000) });
      if (excludeId) params.set("exclude", String(excludeId));
      load.current(`/proposals/similar?${params}`);
    }, 450);
    return () => clearTimeout(timer);
  }, [title, method, excludeId]);

  if (!hydrated) return null;
  const items = title.trim().length < 2 ? null : (fetcher.data?.items ?? null);
  return (
    <Alert color={items?.length ? "yellow" : "gray"} variant="light" title={t("proposals.similar.title")} data-testid="similar-live" aria-live="polite">
      {fetcher.state === "loading" ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{t("proposals.similar.loading")}</Text>
        </Group>
      ) : items === null ? (
        <Text size="sm">{t("proposals.similar.typing")}</Text>
      ) : items.length === 0 ? (
        <Text size="sm">{t("proposals.similar.none")}</Text>
      ) : (
        <>
          <Text size="sm" mb="xs">
            {t("proposals.similar.found", { n: items.length })}
          </Text>
          <SimilarList items={items} />
        </>
      )}
    </Alert>
  );
}
