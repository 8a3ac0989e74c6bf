#!/usr/bin/env python3
"""Screenshots of the web app for the docs (docs/images): the veerkracht view, the allocation
planner on a phone, and the network's public edition page on a phone. Starts `wikken serve --demo`
on a temporary database. Run from the repository root after `swift build`."""
import os, time
from selenium import webdriver
from selenium.webdriver.common.by import By

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
import demoserver
server, base = demoserver.start(os.path.join(root, ".build", "debug", "wikken"), root, 8191)
try:
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]:
        options.add_argument(flag)
    d = webdriver.Chrome(options=options)
    d.set_window_size(1200, 1500)
    d.get(base + "/inloggen")
    d.find_element(By.ID, "email").send_keys("strateeg@demo.wikken.nl")
    d.find_element(By.ID, "wachtwoord").send_keys("wikken-demo")
    d.find_element(By.CSS_SELECTOR, "form.form button").click()
    time.sleep(1)
    d.get(base + "/veerkracht")
    time.sleep(1)
    d.execute_script("document.querySelector('h2').scrollIntoView()")
    d.save_screenshot(os.path.join(root, "docs", "images", "veerkracht-scherm.png"))
    d.set_window_size(390, 1400)
    d.get(base + "/veerkracht/toewijzing")
    d.find_element(By.XPATH, "//button[.='Verdeling berekenen']").click()
    time.sleep(1)
    d.execute_script("document.querySelector('h2').scrollIntoView()")
    d.save_screenshot(os.path.join(root, "docs", "images", "toewijzing-telefoon.png"))
    d.delete_all_cookies()
    d.get(base + "/netwerk/4e-editie-demo")
    time.sleep(1)
    d.save_screenshot(os.path.join(root, "docs", "images", "netwerk-telefoon.png"))
    d.quit()
finally:
    demoserver.stop(server)
