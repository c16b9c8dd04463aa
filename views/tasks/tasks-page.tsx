// 任务中心 /tasks: the member's tasks, 新手任务 then 日常任务, each a TaskCard.
import type { ComponentChildren } from "preact";
import { MeNav } from "../components/me-nav";
import { t } from "../i18n";
import { Layout, type MallView } from "../layout";
import { TaskCard, type TaskCardView } from "./task-card";

export type TaskGroupView = { group: "newbie" | "daily"; tasks: TaskCardView[] };

export function TaskList({ groups, csrf }: { groups: TaskGroupView[]; csrf: string }) {
  if (groups.every((g) => g.tasks.length === 0)) return <p class="panel muted">{t("tasks.empty")}</p>;
  return (
    <>
      {groups
        .filter((g) => g.tasks.length > 0)
        .map((g) => (
          <section key={g.group} class="tasks" aria-labelledby={`tasks-${g.group}`} data-task-group={g.group}>
            <h2 id={`tasks-${g.group}`} class="tasks__heading">
              {t(`tasks.group.${g.group}`)}
            </h2>
            <ul class="tasks__list">
              {g.tasks.map((task) => (
                <TaskCard key={task.id} task={task} csrf={csrf} />
              ))}
            </ul>
          </section>
        ))}
    </>
  );
}

export function TasksPage(props: {
  mall: MallView;
  groups: TaskGroupView[];
  csrf: string;
  headerExtra?: ComponentChildren;
}) {
  return (
    <Layout
      mall={props.mall}
      title={t("page.title", { title: t("tasks.title"), mall: props.mall.name })}
      headerExtra={props.headerExtra}
    >
      <MeNav current="tasks" csrf={props.csrf} />
      <h1 class="page-title">{t("tasks.title")}</h1>
      <TaskList groups={props.groups} csrf={props.csrf} />
    </Layout>
  );
}
