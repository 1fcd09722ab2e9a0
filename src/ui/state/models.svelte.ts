import { deleteModel, exportModel, importModel, listModels, modelFileExtension, type RegisteredModel } from '../../lib/ml/registry';
import { db } from '../db';
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

  remove(model: RegisteredModel): Promise<void> {
    return deleteModel(db, model.id);
  }
}

export const models = new Models();
