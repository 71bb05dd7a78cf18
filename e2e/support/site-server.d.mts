export function startSiteServer(options: {
  roots: string[];
  port?: number;
  host?: string;
}): Promise<{ url: string; close(): Promise<void> }>;
