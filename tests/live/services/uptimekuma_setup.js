// Configure a fresh Uptime Kuma over socket.io (it has no REST API for setup).
//
// Usage: node uptimekuma_setup.js <node_modules dir>   with a JSON plan on stdin:
//   {"url", "username", "password", "up": {"name", "url"}, "down": {"name", "port"},
//    "slug", "title"}
// Prints one JSON line: {"upMonitorId", "downMonitorId", "apiKey", "steps": {...}}; exits 1 with
// the failing step on stderr. Uses the socket.io-client that ships with uptime-kuma itself.
"use strict";

const nodeModules = process.argv[2];
const { io } = require(`${nodeModules}/socket.io-client`);

function readStdin() {
  return new Promise((resolve) => {
    let text = "";
    process.stdin.on("data", (chunk) => (text += chunk));
    process.stdin.on("end", () => resolve(JSON.parse(text)));
  });
}

function die(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

// fields the monitor table needs; `conditions` must NOT be sent (column missing in 2.0.0-dev.0)
const MONITOR_DEFAULTS = {
  interval: 20, // the minimum; the first check runs right away
  retryInterval: 20,
  resendInterval: 0,
  maxretries: 0,
  timeout: 16,
  notificationIDList: {},
  ignoreTls: false,
  upsideDown: false,
  expiryNotification: false,
  maxredirects: 10,
  accepted_statuscodes: ["200-299"],
  kafkaProducerBrokers: [],
  kafkaProducerSaslOptions: { mechanism: "None" },
  active: true,
};

async function main() {
  const plan = await readStdin();
  const socket = io(plan.url, { transports: ["websocket"], reconnection: false, timeout: 10000 });
  const call = (event, ...args) =>
    new Promise((resolve) => socket.emit(event, ...args, resolve));
  const steps = {};
  const step = async (name, event, ...args) => {
    const answer = await call(event, ...args);
    steps[name] = answer;
    if (!answer || !answer.ok) die(`${name} failed: ${JSON.stringify(answer)}`);
    return answer;
  };

  setTimeout(() => die("timed out talking to uptime kuma"), 30000).unref();
  socket.on("connect_error", (err) => die(`connect_error: ${err.message}`));
  await new Promise((resolve) => socket.on("connect", resolve));

  await step("setup", "setup", plan.username, plan.password);
  await step("login", "login", { username: plan.username, password: plan.password, token: "" });
  const up = await step("up", "add", {
    ...MONITOR_DEFAULTS, type: "http", name: plan.up.name, url: plan.up.url, method: "GET",
  });
  const down = await step("down", "add", {
    ...MONITOR_DEFAULTS, type: "port", name: plan.down.name, hostname: "127.0.0.1",
    port: plan.down.port,
  });
  await step("addStatusPage", "addStatusPage", plan.title, plan.slug);
  const config = {
    slug: plan.slug, title: plan.title, description: "launcher-tui live tests", icon: "/icon.svg",
    theme: "auto", showTags: false, footerText: "", customCSS: "", showPoweredBy: false,
    showCertificateExpiry: false, googleAnalyticsId: "", domainNameList: [],
    autoRefreshInterval: 300,
  };
  const groups = [{ name: "Services", monitorList: [{ id: up.monitorID }, { id: down.monitorID }] }];
  await step("saveStatusPage", "saveStatusPage", plan.slug, config, "/icon.svg", groups);
  const key = await step("addAPIKey", "addAPIKey", { name: "launcher-tui", expires: null, active: 1 });

  process.stdout.write(JSON.stringify({
    upMonitorId: up.monitorID, downMonitorId: down.monitorID, apiKey: key.key, steps,
  }) + "\n");
  socket.close();
  process.exit(0);
}

main().catch((err) => die(err.stack || String(err)));
