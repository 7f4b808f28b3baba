import {
  Alert,
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  DialogTrigger,
  Flex,
  Text,
  TextAreaField,
} from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import type { GateOverride } from '@slo-kit/plugin-slo-common';
import { sloGateApiRef } from '../../api/sloGateApiRef';
import { errorMessage } from '../shared/errorMessage';
import { OverrideDescription } from '../shared/OverrideDescription';
import { MIN_REASON_LENGTH } from './overrideForm';
import { useReasonDialog } from './useReasonDialog';

/**
 * The "Revoke" button of an active override and its dialog, which asks why
 * (checked before sending) and ends the override through the gate API.
 */
export function RevokeOverrideDialog(props: {
  override: GateOverride;
  onRevoked: (override: GateOverride) => void;
}) {
  const gateApi = useApi(sloGateApiRef);
  const form = useReasonDialog();

  const submit = form.submitWith(async reason => {
    const revoked = await gateApi.revokeGateOverride(props.override.id, {
      reason,
    });
    props.onRevoked(revoked);
  });

  return (
    <DialogTrigger isOpen={form.isOpen} onOpenChange={form.openChanged}>
      <Button variant="secondary" size="small" destructive>
        Revoke
      </Button>
      <Dialog width={520}>
        <form onSubmit={submit} noValidate style={{ display: 'contents' }}>
          <DialogHeader>Revoke the override</DialogHeader>
          <DialogBody>
            <Flex direction="column" gap="4">
              <Text as="p" variant="body-small">
                Allowed by override{' '}
                <OverrideDescription
                  override={props.override}
                  until="dateTime"
                />
                . Once revoked, the gate decides by the policy again.
              </Text>
              <TextAreaField
                label="Reason"
                secondaryLabel={`at least ${MIN_REASON_LENGTH} characters`}
                placeholder="e.g. hotfix deployed, budget policy applies again"
                value={form.reason}
                onChange={form.setReason}
                validationBehavior="aria"
                validate={form.validateReason}
              />
              {form.failure ? (
                <div role="alert">
                  <Alert
                    status="danger"
                    icon
                    title="The override was not revoked"
                    description={errorMessage(form.failure)}
                  />
                </div>
              ) : null}
            </Flex>
          </DialogBody>
          <DialogFooter>
            <Button variant="secondary" slot="close">
              Cancel
            </Button>
            <Button
              variant="primary"
              destructive
              type="submit"
              isPending={form.sending}
            >
              Revoke override
            </Button>
          </DialogFooter>
        </form>
      </Dialog>
    </DialogTrigger>
  );
}
