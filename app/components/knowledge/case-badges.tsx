// Small labels of a special case, the same on the search list and the case page: its state, its
// category, where it came from (本所 / 他所 and the office), and the superseded mark. Each badge
// carries words, never colour alone.
import { Badge, Group, type BadgeProps } from "@mantine/core";
import { useT } from "~/i18n/use-t";
import type { CaseCategory, CaseState } from "~/modules/knowledge/case-rules";

const STATE_COLORS: Record<CaseState, string> = {
  draft: "gray",
  in_review: "yellow",
  published: "green",
  archived: "dark",
};

export function CaseStateBadge({ state, ...rest }: { state: CaseState } & BadgeProps) {
  const t = useT();
  return (
    <Badge color={STATE_COLORS[state]} variant="light" data-testid="case-state" {...rest}>
      {t(`caseState.${state}`)}
    </Badge>
  );
}

export function CaseCategoryBadge({ category }: { category: string }) {
  const t = useT();
  return (
    <Badge color="blue" variant="outline">
      {t(`caseCategory.${category as CaseCategory}`)}
    </Badge>
  );
}

/**
 * 本所 / 他所 (and which office). `fromOtherOffice`: the case was written by another office and shared
 * with everyone; `source`: where the case itself happened, as the writer recorded it.
 */
export function CaseSourceBadge({
  source,
  sourceOffice,
  officeName,
  fromOtherOffice,
}: {
  source: string;
  sourceOffice: string;
  officeName: string;
  fromOtherOffice: boolean;
}) {
  const t = useT();
  if (fromOtherOffice) {
    return (
      <Badge color="grape" variant="light">
        {t("cases.fromOffice", { office: officeName })}
      </Badge>
    );
  }
  return source === "other_office" ? (
    <Badge color="grape" variant="light">
      {t("caseSource.other_office")}
      {sourceOffice ? `・${sourceOffice}` : ""}
    </Badge>
  ) : (
    <Badge color="teal" variant="light">
      {t("caseSource.own")}
    </Badge>
  );
}

export function SupersededBadge() {
  const t = useT();
  return (
    <Badge color="orange" variant="filled" data-testid="superseded-badge">
      {t("cases.superseded")}
    </Badge>
  );
}

export function CaseTags({ tags, linkTo }: { tags: string[]; linkTo?: (tag: string) => string }) {
  const t = useT();
  if (tags.length === 0) return null;
  return (
    <Group gap={4} aria-label={t("cases.field.tags")} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {tags.map((tag) => (
        <li key={tag}>
          <Badge
            color="gray"
            variant="light"
            radius="sm"
            tt="none"
            {...(linkTo
              ? {
                  component: "a" as const,
                  href: linkTo(tag),
                  style: { cursor: "pointer" },
                }
              : {})}
          >
            #{tag}
          </Badge>
        </li>
      ))}
    </Group>
  );
}
