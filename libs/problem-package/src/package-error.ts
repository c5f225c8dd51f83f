/** A problem package the importer refuses, with a stable code and words for the author. */
export class PackageError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}
