// What the browser says about this site's storage: bytes used against quota, and whether the
// data is persisted (safe from eviction under storage pressure).

class StorageState {
  #usage = $state<number | null>(null);
  #quota = $state<number | null>(null);
  #persisted = $state<boolean | null>(null);

  get usage() {
    return this.#usage;
  }
  get quota() {
    return this.#quota;
  }
  get persisted() {
    return this.#persisted;
  }

  async refresh(): Promise<void> {
    const estimate = await navigator.storage?.estimate?.();
    this.#usage = estimate?.usage ?? null;
    this.#quota = estimate?.quota ?? null;
    this.#persisted = (await navigator.storage?.persisted?.()) ?? null;
  }

  async requestPersist(): Promise<boolean> {
    const granted = (await navigator.storage?.persist?.()) ?? false;
    await this.refresh();
    return granted;
  }
}

export const storage = new StorageState();
