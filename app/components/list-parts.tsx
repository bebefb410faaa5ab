import { Anchor, Badge, Button, Group, NativeSelect, Title } from "@mantine/core";
import { Link, useSearchParams } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** A filter of a DataTable (`f.<name>` in the URL) with 「全部」 first. */
export function FilterSelect({ name, label, options }: { name: string; label: string; options: { value: string; label: string }[] }) {
  const t = useT();
  const [params] = useSearchParams();
  return (
    <NativeSelect
      name={`f.${name}`}
      label={label}
      defaultValue={params.get(`f.${name}`) ?? ""}
      data={[{ value: "", label: t("common.all") }, ...options]}
    />
  );
}

/** 啟用 / a grey 停用 badge, the same in every list. */
export function ActiveStatus({ active }: { active: boolean }) {
  const t = useT();
  return active ? <>{t("common.active")}</> : <Badge color="gray">{t("common.inactive")}</Badge>;
}

/** A list page's title with its 「新增…」 button. */
export function ListHeader({ title, createTo, createLabel }: { title: string; createTo?: string; createLabel?: string }) {
  return (
    <Group justify="space-between">
      <Title order={1}>{title}</Title>
      {createTo && createLabel ? (
        <Button component={Link} to={createTo}>
          {createLabel}
        </Button>
      ) : null}
    </Group>
  );
}

/** The link from a table row to its record, at the table's text size. */
export function RowLink({ to, children }: { to: string; children: React.ReactNode }) {
  return (
    <Anchor size="sm" component={Link} to={to}>
      {children}
    </Anchor>
  );
}
