// How long review work reports where it is: one plain record per report (it crosses a worker
// boundary through a proxied callback), the shape fusion's warehouse build uses too.

export interface ReviewProgress {
  done: number;
  total: number;
  /** What `done` counts: 'texts', 'steps'. */
  unit: string;
  /** For the user: what is happening now. */
  message: string;
}
