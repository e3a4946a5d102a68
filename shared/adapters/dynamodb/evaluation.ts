import type { EvaluatieAnswer, EvaluatieRepository, SchoolDutyRecord } from '../../app/ports.js';
import { keys, partitions } from '../table.js';
import type { DynamoTable, Item } from './dynamo-table.js';
import { putNew, transact } from './transact.js';

const asAnswer = (roundId: string, item: Item): EvaluatieAnswer => {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return { roundId, ...rest } as EvaluatieAnswer;
};

const asDuty = (subject: string, item: Item): SchoolDutyRecord => {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return { subject, ...rest } as SchoolDutyRecord;
};

export function dynamoEvaluatie(table: DynamoTable): EvaluatieRepository {
  return {
    async writeSchoolDuty({ subject, ...record }) {
      const item = { ...keys.schoolDuty(subject, record.partyId), type: 'school-duty', ...record };
      return (await transact(table, [{ item: putNew(table, item), refused: 'exists' }])) === 'written';
    },

    async getSchoolDuty(subject, partyId) {
      const item = await table.get(keys.schoolDuty(subject, partyId));
      return item ? asDuty(subject, item) : undefined;
    },

    listSchoolDuties: async (subject) =>
      (await table.queryPrefix(partitions.schoolDuties(subject))).map((item) => asDuty(subject, item)),

    async writeEvaluatieAnswer({ roundId, ...answer }) {
      const item = {
        ...keys.evaluatieAnswer(roundId, answer.partyId),
        type: 'evaluation-answer',
        ...answer,
      };
      return (await transact(table, [{ item: putNew(table, item), refused: 'exists' }])) === 'written';
    },

    async getEvaluatieAnswer(roundId, partyId) {
      const item = await table.get(keys.evaluatieAnswer(roundId, partyId));
      return item ? asAnswer(roundId, item) : undefined;
    },

    listEvaluatieAnswers: async (roundId) =>
      (await table.queryPrefix(partitions.evaluatieAnswers(roundId))).map((item) => asAnswer(roundId, item)),

    eraseEvaluatieText: (roundId, partyId, paths, at) =>
      table.eraseAttributes(keys.evaluatieAnswer(roundId, partyId), paths, at),
  };
}
