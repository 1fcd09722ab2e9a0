import { deleteModel, exportModel, importModel, listModels, modelFileExtension, type RegisteredModel } from '../../lib/ml/registry';
import { db } from '../db';
import { mlWorker } from '../workers';
import { live, type Live } from './live.svelte';
import { workspaces } from './workspaces.svelte';

/** The model registry as the page sees it; files go through the page (downloads, picks). */
class Models {
  #list: Live<RegisteredModel[]> = $derived.by(() => {
    const id = workspaces.current?.id ?? null;
    return live(() => listModels(db, id), []);
  });

  get list(): RegisteredModel[] {
    return this.#list.current;
  }

  /** Saves the model as a file through the browser's download: nothing is uploaded. */
  async download(model: RegisteredModel): Promise<void> {
    const bytes = await exportModel(db, model.id);
    const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${model.name.replace(/[^\w.-]+/g, '_')}${modelFileExtension}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  async upload(file: File): Promise<RegisteredModel> {
    return importModel(db, workspaces.current?.id ?? null, new Uint8Array(await file.arrayBuffer()));
  }

  /** A BERT-family model from the files of its folder (config.json, model.safetensors, tokenizer.json). */
  addFromFolder(files: File[], name: string): Promise<RegisteredModel> {
    return mlWorker.api().addBertFromFiles(workspaces.current?.id ?? null, files, name);
  }

  /** A model the Hub download page put in this browser's cache; null when it is not there. */
  addFromHubDownload(modelId: string): Promise<RegisteredModel | null> {
    return mlWorker.api().addBertFromHubCache(workspaces.current?.id ?? null, modelId);
  }

  remove(model: RegisteredModel): Promise<void> {
    return deleteModel(db, model.id);
  }
}

export const models = new Models();
