import type { MaintenanceRepository } from '../../app/ports.js';
import { keys } from '../table.js';
import type { DynamoTable } from './dynamo-table.js';

export function dynamoMaintenance(table: DynamoTable): MaintenanceRepository {
  return {
    getRetentionCursor: async () => {
      const cursor = await table.get<{ until?: unknown }>(keys.retentionCursor());
      return typeof cursor?.until === 'string' ? cursor.until : undefined;
    },
    putRetentionCursor: (until, at) => table.put({ ...keys.retentionCursor(), type: 'retention', until, at }),
    ping: async () => {
      await table.get(keys.health());
    },
  };
}
