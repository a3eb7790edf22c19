/** Opening this starts the Organizations page with its create form open. */
export const CREATE_ORGANIZATION_PATH = '/organizations?new=1'
