"""Loads an Airflow DAG file without Airflow and prints its tasks as JSON, their templated fields rendered for one run.

usage: python3 render_dag.py DAG_FILE RUN_ID PARAMS_JSON

Stand-ins for DAG, Param and SparkSubmitOperator record what the DAG file builds (tasks, arguments, the >> edges).
Templates are rendered with Jinja2 when it is installed (as Airflow does, with the DAG's user_defined_filters, run_id
and params, PARAMS_JSON over the DAG's defaults); without it, only {{ name }}, {{ name.attribute }} and a chain of
| filters are understood, and anything else fails.
"""
import importlib.util
import json
import re
import sys
import types

_open_dags = []


class DAG:
    def __init__(self, dag_id, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.tasks = []

    def __enter__(self):
        _open_dags.append(self)
        return self

    def __exit__(self, *exc):
        _open_dags.pop()


class Param:
    def __init__(self, default=None, **kwargs):
        self.value = default


class SparkSubmitOperator:
    def __init__(self, task_id, **kwargs):
        self.task_id = task_id
        self.kwargs = kwargs
        self.upstream = []
        dag = kwargs.get("dag") or _open_dags[-1]
        if any(task.task_id == task_id for task in dag.tasks):
            raise ValueError("task id %r used twice" % task_id)
        dag.tasks.append(self)

    def __rshift__(self, other):
        for task in other if isinstance(other, list) else [other]:
            task.upstream.append(self.task_id)
        return other

    def __rrshift__(self, other):
        for task in other:
            self.upstream.append(task.task_id)
        return self


def install_stand_ins():
    modules = {
        "airflow": {"DAG": DAG},
        "airflow.models": {},
        "airflow.models.param": {"Param": Param},
        "airflow.providers": {},
        "airflow.providers.apache": {},
        "airflow.providers.apache.spark": {},
        "airflow.providers.apache.spark.operators": {},
        "airflow.providers.apache.spark.operators.spark_submit": {"SparkSubmitOperator": SparkSubmitOperator},
    }
    for name, attributes in modules.items():
        module = types.ModuleType(name)
        module.__dict__.update(attributes)
        sys.modules[name] = module


def renderer(filters, context):
    try:
        import jinja2
    except ImportError:
        return lambda text: render_plain(text, filters, context)
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined)
    environment.filters.update(filters)
    return lambda text: environment.from_string(text).render(**context)


TEMPLATE = re.compile(r"\{\{(.*?)\}\}")


def render_plain(text, filters, context):
    def value(match):
        parts = [part.strip() for part in match.group(1).split("|")]
        if not re.fullmatch(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)?", parts[0]):
            raise ValueError("template %r: expected a name or name.attribute without Jinja2" % match.group(0))
        names = parts[0].split(".")
        result = context[names[0]]
        if len(names) == 2:
            result = result[names[1]]
        for name in parts[1:]:
            result = filters[name](result)
        return str(result)
    return TEMPLATE.sub(value, text)


def rendered(value, render):
    if isinstance(value, str):
        return render(value)
    if isinstance(value, list):
        return [rendered(item, render) for item in value]
    if isinstance(value, dict):
        return {key: rendered(item, render) for key, item in value.items()}
    return value


def main(dag_file, run_id, params_json):
    install_stand_ins()
    spec = importlib.util.spec_from_file_location("dag_under_test", dag_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    dags = [value for value in vars(module).values() if isinstance(value, DAG)]
    if len(dags) != 1:
        raise ValueError("expected one DAG in %s, found %d" % (dag_file, len(dags)))
    dag = dags[0]
    params = {name: param.value if isinstance(param, Param) else param
              for name, param in dag.kwargs.get("params", {}).items()}
    params.update(json.loads(params_json))
    render = renderer(dag.kwargs.get("user_defined_filters", {}), {"run_id": run_id, "params": params})
    # SparkSubmitOperator's templated fields; the rest is passed as written.
    templated = {"application", "conf", "files", "name", "application_args", "properties_file", "env_vars"}
    tasks = []
    for task in dag.tasks:
        fields = {key: rendered(value, render) if key in templated else value for key, value in task.kwargs.items()}
        tasks.append({"task_id": task.task_id, "upstream": sorted(task.upstream), **fields})
    json.dump({"dag_id": dag.dag_id, "retries": dag.kwargs.get("default_args", {}).get("retries", 0),
               "tasks": tasks}, sys.stdout, indent=1)


if __name__ == "__main__":
    main(*sys.argv[1:])
