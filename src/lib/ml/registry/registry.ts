// The model registry: trained models in IndexedDB (`models`), each with its card and its
// weights packed into one ArrayBuffer; export to and import from a model file.
import { AppError } from '../../errors';
import { newId, type EdgeFuseDb, type ModelRecord } from '../../store';
import type { NamedArrays } from '../models/weights';
import type { ModelCard } from './model-card';
import { packWeights, readModelFile, unpackWeights, writeModelFile } from './model-file';

/** The card as stored: the model card plus where each weight lies in the packed buffer. */
type StoredCard = ModelCard & { weightsManifest: ReturnType<typeof packWeights>['manifest'] };

export interface RegisteredModel {
  id: string;
  workspaceId: string | null;
  name: string;
  card: ModelCard;
  sizeBytes: number;
  createdAt: number;
}

function summary(record: ModelRecord): RegisteredModel {
  const { weightsManifest: _, ...card } = record.card as unknown as StoredCard;
  return { id: record.id, workspaceId: record.workspaceId, name: record.name, card, sizeBytes: record.weights?.byteLength ?? 0, createdAt: record.createdAt };
}

export async function saveModel(db: EdgeFuseDb, workspaceId: string | null, name: string, card: ModelCard, weights: NamedArrays): Promise<RegisteredModel> {
  const { manifest, bytes } = packWeights(weights);
  const record: ModelRecord = {
    id: newId(), workspaceId, name, kind: card.task,
    card: { ...card, weightsManifest: manifest } as unknown as Record<string, unknown>,
    weights: bytes, createdAt: Date.now(),
  };
  await db.models.add(record);
  return summary(record);
}

/** The workspace's models and those that belong to no workspace, newest first. */
export async function listModels(db: EdgeFuseDb, workspaceId: string | null): Promise<RegisteredModel[]> {
  const records = await db.models.filter((m) => m.workspaceId === null || m.workspaceId === workspaceId).toArray();
  return records.map(summary).sort((a, b) => b.createdAt - a.createdAt);
}

export async function loadModel(db: EdgeFuseDb, id: string): Promise<{ model: RegisteredModel; weights: NamedArrays }> {
  const record = await db.models.get(id);
  if (!record?.weights) throw new AppError('not-found', 'That model is no longer in the registry.', { id });
  return { model: summary(record), weights: unpackWeights((record.card as unknown as StoredCard).weightsManifest, record.weights) };
}

export function deleteModel(db: EdgeFuseDb, id: string): Promise<void> {
  return db.models.delete(id);
}

export async function exportModel(db: EdgeFuseDb, id: string): Promise<Uint8Array> {
  const { model, weights } = await loadModel(db, id);
  return writeModelFile({ name: model.name, card: model.card, weights });
}

export async function importModel(db: EdgeFuseDb, workspaceId: string | null, bytes: Uint8Array): Promise<RegisteredModel> {
  const file = readModelFile(bytes);
  return saveModel(db, workspaceId, file.name, file.card, file.weights);
}
