import {
  Card,
  CardBody,
  CardFooter,
  CardHeader,
  Flex,
  Text,
} from '@backstage/ui';

/**
 * A card of this plugin: its title as the heading (and the card's accessible
 * name), the content in a column, and an optional footer.
 */
export function TitledCard(props: {
  title: string;
  children: React.ReactNode;
  footer?: React.ReactNode;
  /** Space between the content's children (a @backstage/ui space step). */
  gap?: '3' | '4';
}) {
  return (
    <Card aria-label={props.title}>
      <CardHeader>
        <Text as="h2" variant="title-small" weight="bold">
          {props.title}
        </Text>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap={props.gap ?? '4'}>
          {props.children}
        </Flex>
      </CardBody>
      {props.footer ? <CardFooter>{props.footer}</CardFooter> : null}
    </Card>
  );
}
