// 研提案件審查會議: the office's review meetings, latest first (issue 4, "Committee round"). Members,
// the chair, chiefs and the director read them; only the chair (召集人) creates one.
import { Anchor, Stack, Table, Text } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RoundStateBadge } from "~/components/committee/committee-parts";
import { ListHeader } from "~/components/list-parts";
import { Notice } from "~/components/notice";
import { RocDate } from "~/components/roc-date";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/guards.server";
import { hasPermission } from "~/modules/auth/roles";
import { listRounds } from "~/modules/proposals/committee.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "committee.view");
  const rounds = await listRounds(args.context.db, user);
  return {
    canCreate: hasPermission(user.roles, "committee.chair"),
    rounds: rounds.map((r) => ({
      id: r.id,
      title: r.title,
      meetingDate: r.meetingDate,
      state: r.state,
      chairName: r.chairName,
      itemCount: r.itemCount,
    })),
  };
}

export default function CommitteeRounds() {
  const { canCreate, rounds } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <Stack gap="md">
      <ListHeader title={t("committee.list.title")} createTo={canCreate ? "/committee/rounds/new" : undefined} createLabel={t("committee.list.new")} />
      <Notice />
      <Text c="gray.8">{t("committee.list.intro")}</Text>
      {rounds.length === 0 ? (
        <Text c="dimmed">{t("committee.list.empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped withTableBorder data-testid="rounds-table">
            <Table.Caption>{t("committee.list.caption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("committee.list.meeting")}</Table.Th>
                <Table.Th scope="col">{t("committee.list.date")}</Table.Th>
                <Table.Th scope="col">{t("committee.list.state")}</Table.Th>
                <Table.Th scope="col">{t("committee.list.chair")}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("committee.list.items")}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rounds.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/committee/rounds/${r.id}`} size="sm">
                      {r.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <RocDate value={r.meetingDate} />
                  </Table.Td>
                  <Table.Td>
                    <RoundStateBadge state={r.state} />
                  </Table.Td>
                  <Table.Td>{r.chairName}</Table.Td>
                  <Table.Td ta="right">{t("committee.list.itemCount", { n: r.itemCount })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
