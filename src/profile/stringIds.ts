// Dense ids for strings in order of first appearance: the name index of a function table, the string table
// of a packed transfer. One Map lookup per string; `strings[id]` gives it back.
export class StringIds {
  readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();

  /** The id of `s`, the next free one on first sight. */
  idOf(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.ids.set(s, id);
      this.strings.push(s);
    }
    return id;
  }

  /** The id of `s` if it has one. */
  get(s: string): number | undefined {
    return this.ids.get(s);
  }
}
