import { parseEntityRef } from '@backstage/catalog-model';
import { parseSloId } from '@slo-kit/plugin-slo-common';
import { IngestionWriterScope } from '../../config';

/**
 * Which entities each scoped service principal may write SLI data for
 * (`slo.ingestion.writers`); principals without an entry may write for all.
 */
export class IngestionScope {
  private readonly scopes: Map<string, IngestionWriterScope>;

  constructor(writers: IngestionWriterScope[]) {
    this.scopes = new Map(writers.map(w => [w.subject, w]));
  }

  /** Whether `subject` may write data (SLI points, events) for `entityRef`. */
  mayWriteFor(subject: string, entityRef: string): boolean {
    const scope = this.scopes.get(subject);
    if (!scope) return true;
    const { namespace } = parseEntityRef(entityRef);
    return (
      scope.entityRefs.includes(entityRef) ||
      scope.namespaces.includes(namespace)
    );
  }

  /**
   * The SLO ids of a batch that `subject` may not write to, in order of first
   * appearance. Ids that are not SLO ids are left to the batch validation.
   */
  refusedSloIds(subject: string, body: unknown): string[] {
    const scope = this.scopes.get(subject);
    const points = (body as { points?: unknown })?.points;
    if (!scope || !Array.isArray(points)) return [];
    const refused = new Set<string>();
    // A batch names each SLO many times (once per minute): judge it once.
    const judged = new Set<string>();
    for (const point of points) {
      const id = (point as { slo?: unknown })?.slo;
      if (typeof id !== 'string' || judged.has(id)) continue;
      judged.add(id);
      const parsed = parseSloId(id);
      if (!parsed.ok) continue;
      if (!this.mayWriteFor(subject, parsed.entityRef)) {
        refused.add(id);
      }
    }
    return [...refused];
  }
}
