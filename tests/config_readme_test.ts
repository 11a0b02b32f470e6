import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { APP, configError, host, lines, SCENARIOS, yamlBuild } from "./_config_scenarios.ts";
import { projectFile } from "./_files.ts";

/** The section of the README under `## title`. */
function section(text: string, title: string): string {
  const start = text.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `README has a "${title}" section`);
  const end = text.indexOf("\n## ", start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

describe("README: configuration messages quoted word for word", () => {
  it("Troubleshooting quotes each of the ten messages exactly as the code prints it", async () => {
    const text = projectFile("README.md");
    if (text === undefined) return; // Workers: no files (the messages themselves are tested everywhere)
    const troubleshooting = section(text, "Troubleshooting");
    const yaml = await yamlBuild();
    for (const scenario of SCENARIOS) {
      if (scenario.yaml && !yaml) continue;
      for (const line of lines(await scenario.run())) {
        assert.ok(
          troubleshooting.includes(line.trimStart()),
          `README quotes, for "${scenario.title}":\n${line}`,
        );
      }
    }
  });

  it("the Configuration section's example error is what the code prints", async () => {
    const text = projectFile("README.md");
    if (text === undefined || !await yamlBuild()) return;
    const file = "okta:\n  client:\n    orgURL: https://dev-123456.okta.com\n";
    const error = await configError(
      {},
      host({ [`${APP}/okta.yaml`]: file }, { OKTA_CLIENT_RATELIMIT_MAXRETRIES: "lots" }),
    );
    const configuration = section(text, "Configuration");
    assert.ok(configuration.includes(`ConfigError: ${error.message}\n`), error.message);
  });
});
