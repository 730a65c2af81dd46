// The marketplace's read model (public.listed_missions) under concurrent writers. A card is computed
// from several tables; two transactions changing different parts of one mission (a milestone and a
// required skill, the company and a milestone, ...) each compute the card from their own snapshot.
// Without coordination the second to commit writes a card that lacks the first's change. Each case
// holds the first transaction open while the second writes, then commits them in turn, and checks
// the card against its rows (tests.listed_mission_problems): never stale, in either commit order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { connectTestDb, createUser, testDbUrl } from "./support.ts";

const raw = connectTestDb(2);
const open = () => postgres(testDbUrl(), { max: 1, prepare: false, idle_timeout: 0, onnotice: () => {} });
const a = open();
const b = open();

const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let initiatorId = "";
let initiatorUser = "";
const skills: string[] = [];

beforeAll(async () => {
  initiatorUser = await createUser(raw, `lmc-${RUN}@example.com`, { full_name: "Card Race", role: "initiator" });
  [{ id: initiatorId }] = await raw`select id from public.initiator_profiles where user_id = ${initiatorUser}`;
  for (const n of [1, 2, 3]) {
    const [{ id }] = await raw`insert into public.skills (name, category) values (${`LMC ${RUN} ${n}`}, 'language') returning id`;
    skills.push(id);
  }
});

afterAll(async () => {
  await Promise.all([a.end({ timeout: 5 }), b.end({ timeout: 5 }), raw.end({ timeout: 5 })]);
});

let seq = 0;
/** A listed (open, public) mission with two milestones and one required skill. */
async function listedMission(): Promise<string> {
  seq += 1;
  const [{ id }] = await raw`
    insert into public.missions (initiator_id, title, slug, description, type, budget_min_cents, budget_max_cents,
                                 estimated_duration_days, status, is_public, published_at)
    values (${initiatorId}, ${`Card race ${seq}`}, ${`lmc-${RUN}-${seq}`}, 'd', 'backend', 1000, 5000, 10, 'open', true, now())
    returning id`;
  await raw`insert into public.milestones (mission_id, title, order_index, amount_cents)
            values (${id}, 'First', 0, 1000), (${id}, 'Second', 1, 2000)`;
  await raw`insert into public.mission_required_skills (mission_id, skill_id) values (${id}, ${skills[0]})`;
  return id;
}

type Write = (tx: postgres.TransactionSql, mission: string) => Promise<unknown>;
const WRITES: Record<string, Write> = {
  "rename a milestone": (tx, m) => tx`update public.milestones set title = ${`Renamed ${RUN}`} where mission_id = ${m} and order_index = 0`,
  "add a milestone": (tx, m) => tx`insert into public.milestones (mission_id, title, order_index, amount_cents) values (${m}, 'Third', 2, 500)`,
  "add a required skill": (tx, m) => tx`insert into public.mission_required_skills (mission_id, skill_id) values (${m}, ${skills[1]})`,
  "drop the required skill": (tx, m) => tx`delete from public.mission_required_skills where mission_id = ${m} and skill_id = ${skills[0]}`,
  "feature the mission": (tx, m) => tx`update public.missions set featured = true where id = ${m}`,
  "retitle the mission": (tx, m) => tx`update public.missions set title = ${`Retitled ${RUN}`} where id = ${m}`,
  "rename the company": (tx) => tx`update public.initiator_profiles set company_name = ${`Race Co ${seq}`} where id = ${initiatorId}`,
  "rename the skill": (tx) => tx`update public.skills set name = ${`LMC ${RUN} renamed ${seq}`} where id = ${skills[0]}`,
  "unlist the mission": (tx, m) => tx`update public.missions set is_public = false where id = ${m}`,
};

/** Runs `first` in connection a and holds it open; starts `second` in b; commits a, then b. */
async function race(mission: string, first: Write, second: Write) {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let firstWrote!: () => void;
  const wrote = new Promise<void>((r) => (firstWrote = r));
  const txA = a.begin(async (tx) => {
    await first(tx, mission);
    firstWrote();
    await held;
  });
  await wrote;
  const txB = b.begin((tx) => second(tx, mission));
  // b is now either done (it touched nothing a holds) or waiting for a; give it time to get there.
  await new Promise((r) => setTimeout(r, 150));
  release();
  await txA;
  await txB;
}

describe("a card written by two transactions at once is never stale", () => {
  const names = Object.keys(WRITES);
  const pairs = names.flatMap((x) => names.filter((y) => y !== x).map((y) => [x, y] as const));
  it(`every ordered pair of ${names.length} kinds of change (${pairs.length} races)`, async () => {
    const stale: string[] = [];
    for (const [x, y] of pairs) {
      const mission = await listedMission();
      await race(mission, WRITES[x], WRITES[y]);
      const problems = await raw<{ p: string }[]>`select tests.listed_mission_problems(${[mission]}::uuid[]) as p`;
      for (const { p } of problems) stale.push(`${x}, then ${y}: ${p}`);
    }
    expect(stale).toEqual([]);
  });

  it("the initiator's own edit through the Data API races the lifecycle's write and the card still agrees", async () => {
    const mission = await listedMission();
    const claims = JSON.stringify({ sub: initiatorUser, role: "authenticated", aud: "authenticated" });
    await race(
      mission,
      async (tx) => {
        await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${claims}, true)`;
        await tx`update public.initiator_profiles set company_name = ${`Own edit ${RUN}`} where user_id = ${initiatorUser}`;
      },
      (tx, m) => tx`update public.missions set status = 'matching' where id = ${m}`,
    );
    expect(await raw`select tests.listed_mission_problems(${[mission]}::uuid[]) as p`).toEqual([]);
    const [card] = await raw`select listed_status, initiator_profiles ->> 'company_name' as company from public.listed_missions where id = ${mission}`;
    expect(card).toEqual({ listed_status: "matching", company: `Own edit ${RUN}` });
  });
});
