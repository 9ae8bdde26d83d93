"""The g2lstm study as an Airflow DAG: prepare; train the baseline, sharpened and G2 models in parallel; evaluate,
sweep and record the gates of each model; then render the report.

Every task is one spark-submit of the application jar (SparkSubmitOperator, apache-airflow-providers-apache-spark 4.1
or later, for deploy_mode). The study's configuration file lives on the Airflow worker (params.conf); the tasks
whose driver runs in the cluster get it with --files and name it by its base name. Each DAG run writes under
<params.root>/runs/<its run id as a path component>/, its rows go to the shared warehouse <params.root>/warehouse
under the DAG's run id, so:
- a retry of a task continues: train with the same --run-id resumes from its latest checkpoint, the others replace
  the rows they wrote;
- clearing and rerunning a DAG run replaces what that run wrote, nothing else;
- a new DAG run gets new directories and its own rows.
gates and report run their driver on the Airflow worker (client mode): they write pictures and the HTML report to its
local disk (params.images_dir, params.report_dir).

Before a long run, any task's command line can be checked without running it by adding --check, e.g.
  spark-submit ... --class io.g2lstm.cli.Main g2lstm.jar train --conf study.conf ... --check
"""
import os
import re
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models.param import Param
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

MAIN_CLASS = "io.g2lstm.cli.Main"
GATE_MODES = ("baseline", "sharpened", "g2")
SPARK_CONNECTION = os.environ.get("G2LSTM_SPARK_CONNECTION", "spark_default")


def path_component(run_id):
    """The run id as one directory name: every character but letters, digits and . _ - becomes _ (Airflow's run
    ids hold : and +, which a Hadoop path reads as a scheme and a space)."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", run_id)


RUN_ROOT = "{{ params.root }}/runs/{{ run_id | g2lstm_path }}"
CONF_NAME = "{{ params.conf | g2lstm_basename }}"
COMMON_SETTINGS = [
    "--set", "prepare.output=" + RUN_ROOT + "/prepared",
    "--set", "results.warehouse={{ params.root }}/warehouse",
]


def model_settings(mode):
    return ["--set", "model.gate.mode=" + mode, "--set", "train.output=" + RUN_ROOT + "/train/" + mode]


def spark_job(task_id, args, deploy_mode="cluster"):
    """One spark-submit of a g2lstm job; in cluster mode the configuration goes with --files."""
    cluster = deploy_mode == "cluster"
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id=SPARK_CONNECTION,
        application="{{ params.jar }}",
        java_class=MAIN_CLASS,
        name="g2lstm-" + task_id,
        deploy_mode=deploy_mode,
        properties_file="{{ params.properties_file }}",
        files="{{ params.conf }}" if cluster else None,
        conf={"spark.executor.instances": "{{ params.executors }}"},
        application_args=[args[0], "--conf", CONF_NAME if cluster else "{{ params.conf }}"] + args[1:],
    )


with DAG(
    dag_id="g2lstm_study",
    description="G2-LSTM study: prepare, train three gate modes, evaluate, sweep, gates, report",
    start_date=datetime(2026, 1, 1),
    schedule=None,
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=5)},
    user_defined_filters={"g2lstm_path": path_component, "g2lstm_basename": os.path.basename},
    params={
        "jar": Param("/opt/g2lstm/g2lstm-0.1.0-SNAPSHOT.jar", type="string",
                     description="the application jar (a path on the Airflow worker, hdfs:// or local:///)"),
        "conf": Param("/opt/g2lstm/conf/wmt14-en-de.conf", type="string",
                      description="the study's configuration file on the Airflow worker"),
        "properties_file": Param("/opt/g2lstm/deploy/spark-defaults.conf", type="string",
                                 description="spark-submit's properties file (Java 17 flags)"),
        "root": Param("hdfs:///g2lstm/study", type="string",
                      description="a Hadoop URI every driver and executor reaches: runs/ and warehouse/ go here"),
        "executors": Param(16, type="integer", description="spark.executor.instances of every job"),
        "images_dir": Param("/opt/airflow/g2lstm/gate-images", type="string",
                            description="gates.images, on the Airflow worker"),
        "report_dir": Param("/opt/airflow/g2lstm/reports", type="string",
                            description="where report writes <run id>/index.html, on the Airflow worker"),
    },
) as dag:
    prepare = spark_job("prepare", ["prepare"] + COMMON_SETTINGS)
    evaluations = []
    for mode in GATE_MODES:
        train = spark_job("train_" + mode, ["train"] + COMMON_SETTINGS + model_settings(mode)
                          + ["--run-id", "{{ run_id }}-" + mode])
        model = ["--model", RUN_ROOT + "/train/" + mode, "--run-id", "{{ run_id }}"]
        per_model = [
            spark_job("evaluate_" + mode, ["evaluate"] + COMMON_SETTINGS + model_settings(mode) + model),
            spark_job("sweep_" + mode, ["sweep"] + COMMON_SETTINGS + model_settings(mode) + model),
            spark_job("gates_" + mode, ["gates"] + COMMON_SETTINGS + model_settings(mode) + model
                      + ["--set", "gates.images={{ params.images_dir }}"], deploy_mode="client"),
        ]
        prepare >> train >> per_model
        evaluations += per_model
    report = spark_job("report", ["report"] + COMMON_SETTINGS + ["--run", "{{ run_id }}",
                                                                  "--output", "{{ params.report_dir }}"],
                       deploy_mode="client")
    evaluations >> report
