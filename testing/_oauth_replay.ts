/**
 * Remembers one-time identifiers (`jti`s of client assertions and DPoP proofs) until they expire.
 *
 * @module
 */

/** A set of used identifiers, each forgotten once its deadline has passed. */
export class ReplayGuard {
  #seen = new Map<string, number>();

  /** Records `id` until `until` (epoch ms); returns `false` when it was already recorded. */
  use(id: string, until: number, now: number): boolean {
    if (this.#seen.size > 1000) {
      for (const [key, deadline] of this.#seen) if (deadline < now) this.#seen.delete(key);
    }
    const deadline = this.#seen.get(id);
    if (deadline !== undefined && deadline >= now) return false;
    this.#seen.set(id, until);
    return true;
  }
}
