import { Container, Flex, Header, Text } from '@backstage/ui';
import { PortfolioTable } from './PortfolioTable';

/** Props of {@link SloPage}. */
export interface SloPageProps {
  /** Hide the page header, e.g. when the app frame already shows one. */
  hideHeader?: boolean;
}

/** The portfolio at `/slo`: every SLO, to review budgets before releases. */
export function SloPage(props: SloPageProps) {
  return (
    <>
      {props.hideHeader ? null : <Header title="SLOs" />}
      <Container>
        <Flex direction="column" gap="4" py="4">
          <Text as="p" variant="body-medium" color="secondary">
            Every service level objective in the catalog. Sort by budget left to
            see what needs attention before the next release; filter by release
            decision to see what may not ship.
          </Text>
          <PortfolioTable />
        </Flex>
      </Container>
    </>
  );
}
