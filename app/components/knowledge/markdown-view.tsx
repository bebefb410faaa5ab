// Renders a case body from the Markdown tree of app/modules/knowledge/markdown.ts (issue 6: 「body text
// in Markdown rendered safely (no raw HTML, no script)」). Every piece of text goes through React as a
// text child, so it is escaped; no element is given raw HTML to inject, and the only attribute
// taken from the source is a link's href, which parseMarkdown has already passed through safeHref.
import { Anchor, Blockquote, Code, Divider, List, Text, Title } from "@mantine/core";
import { Fragment, useMemo, type ReactNode } from "react";
import { parseMarkdown, type Block, type Inline, type ListBlock } from "~/modules/knowledge/markdown";

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case "text":
        return <Fragment key={i}>{node.text}</Fragment>;
      case "break":
        return <br key={i} />;
      case "strong":
        return <strong key={i}>{renderInline(node.children)}</strong>;
      case "emphasis":
        return <em key={i}>{renderInline(node.children)}</em>;
      case "code":
        return <Code key={i}>{node.text}</Code>;
      case "link":
        // Outside the portal: a new tab, with no window.opener and no Referer (case URLs stay private).
        return node.external ? (
          <Anchor key={i} href={node.href} target="_blank" rel="noopener noreferrer">
            {node.image ? "🖼 " : null}
            {renderInline(node.children)}
          </Anchor>
        ) : (
          <Anchor key={i} href={node.href}>
            {node.image ? "🖼 " : null}
            {renderInline(node.children)}
          </Anchor>
        );
    }
  });
}

function renderList(list: ListBlock, key: number): ReactNode {
  return (
    <List key={key} type={list.ordered ? "ordered" : "unordered"} start={list.ordered ? list.start : undefined} withPadding spacing={4} my="xs">
      {list.items.map((item, i) => (
        <List.Item key={i}>
          {renderInline(item.children)}
          {item.sublist ? renderList(item.sublist, 0) : null}
        </List.Item>
      ))}
    </List>
  );
}

// A case page already has its own <h1> (the case title) and section headings, so the body's
// #, ## and ### sit below them as h3–h5.
const TITLE_ORDER = { 1: 3, 2: 4, 3: 5 } as const;

function renderBlocks(blocks: Block[]): ReactNode[] {
  return blocks.map((block, i) => {
    switch (block.type) {
      case "paragraph":
        return (
          <Text key={i} component="p" my="xs">
            {renderInline(block.children)}
          </Text>
        );
      case "heading":
        return (
          <Title key={i} order={TITLE_ORDER[block.level]} mt="md" mb="xs">
            {renderInline(block.children)}
          </Title>
        );
      case "list":
        return renderList(block, i);
      case "blockquote":
        return (
          <Blockquote key={i} p="sm" my="xs">
            {renderBlocks(block.children)}
          </Blockquote>
        );
      case "codeBlock":
        return (
          <Code key={i} block my="xs" data-lang={block.lang ?? undefined}>
            {block.text}
          </Code>
        );
      case "rule":
        return <Divider key={i} my="md" />;
    }
  });
}

/** A Markdown text (a case body) shown with Mantine; safe for any input. */
export function MarkdownView({ source }: { source: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return <div className="markdown-view">{renderBlocks(blocks)}</div>;
}
