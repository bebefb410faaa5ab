import type { Translate } from "~/i18n/i18n";

/**
 * Options for a category filter: each category path with its question count, and every parent path
 * ("戶籍法" for "戶籍法/登記期間") so a whole topic can be chosen; a parent includes its sub-categories.
 */
export function categoryOptions(categories: { category: string; questionCount: number }[], t: Translate): { value: string; label: string }[] {
  const totals = new Map<string, number>();
  for (const { category, questionCount } of categories) {
    const parts = category.split("/");
    for (let i = 1; i <= parts.length; i++) {
      const path = parts.slice(0, i).join("/");
      totals.set(path, (totals.get(path) ?? 0) + questionCount);
    }
  }
  const leaves = new Set(categories.map((c) => c.category));
  return [...totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .filter(([path]) => path !== "")
    .map(([path, count]) => {
      const depth = path.split("/").length - 1;
      const name =
        leaves.has(path) && ![...totals.keys()].some((p) => p.startsWith(`${path}/`))
          ? path.split("/").pop()!
          : t("bank.categoryWithSubs", { category: path.split("/").pop()! });
      return { value: path, label: `${"　".repeat(depth)}${name}（${t("bank.questionCount", { count })}）` };
    });
}

/** A category path for people: "戶籍法/登記期間" → "戶籍法 › 登記期間"; "" → （未分類）. */
export function categoryLabel(category: string, t: Translate): string {
  return category === "" ? t("bank.topCategory") : category.split("/").join(" › ");
}
