import type { HighlightPart } from "~/modules/knowledge/highlight";

/** Text with the search's matched parts in <mark> (highlight.ts decides what matched). */
export function Highlighted({ parts }: { parts: HighlightPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.match ? (
          <mark
            key={i}
            style={{
              backgroundColor: "var(--mantine-color-yellow-2)",
              color: "inherit",
              padding: "0 1px",
              borderRadius: 2,
            }}
          >
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
