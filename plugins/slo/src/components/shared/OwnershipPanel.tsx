import { Alert, Flex, Text } from '@backstage/ui';
import type { Ownership } from '@slo-kit/plugin-slo-common';
import { OwnerLink } from './OwnerLink';
import { TitledCard } from './TitledCard';

function Question(props: {
  question: string;
  answer: React.ReactNode;
  note?: string;
}) {
  return (
    <Flex direction="column" gap="1">
      <dt>
        <Text as="span" variant="body-small" color="secondary">
          {props.question}
        </Text>
      </dt>
      <dd style={{ margin: 0 }}>
        <Text as="span" variant="body-medium">
          {props.answer}
        </Text>
        {props.note ? (
          <Text as="span" variant="body-x-small" color="secondary">
            {' '}
            ({props.note})
          </Text>
        ) : null}
      </dd>
    </Flex>
  );
}

/**
 * The two questions that separate the paved road from production reality,
 * answered from the catalog, with a warning when the line is blurred.
 */
export function OwnershipPanel(props: { ownership: Ownership }) {
  const { ownership } = props;
  const platformNote =
    ownership.platformOwnerSource === 'source-template'
      ? 'owner of the template that created this service'
      : undefined;

  return (
    <TitledCard title="Who owns what" gap="3">
      <dl style={{ margin: 0, display: 'grid', gap: 'var(--bui-space-3)' }}>
        <Question
          question="Who makes it easy to deploy and run this service?"
          answer={
            <OwnerLink
              entityRef={ownership.platformOwner}
              missingText="Nobody is named"
            />
          }
          note={platformNote}
        />
        <Question
          question="Who decides when its reliability is no longer acceptable?"
          answer={
            <OwnerLink
              entityRef={ownership.sreOwner}
              missingText="Nobody is named"
            />
          }
        />
        <Question
          question="Who owns the service itself?"
          answer={
            <OwnerLink
              entityRef={ownership.serviceOwner}
              missingText="Nobody is named"
            />
          }
        />
      </dl>
      {ownership.findings.map(finding => (
        <Alert
          key={finding.code}
          status="warning"
          icon
          title={
            finding.code === 'sre-owner-missing'
              ? 'Nobody decides when reliability is no longer acceptable'
              : 'The same team runs the paved road and judges production reliability'
          }
          description={finding.message}
        />
      ))}
    </TitledCard>
  );
}
