import type { ComponentChildren } from "preact";
import { AddressBook, AddressForm, type AddressBookProps } from "../components/address-book";
import { MeNav } from "../components/me-nav";
import { t } from "../i18n";
import { Layout } from "../layout";
import type { AddressErrors } from "../components/address-fields";
import type { MallView } from "../layout";
import type { DeliveryAddress } from "../../domain";

/** 收货地址 (/me/addresses). */
export function AddressesPage({
  mall,
  book,
  headerExtra,
}: {
  mall: MallView;
  book: AddressBookProps;
  headerExtra?: ComponentChildren;
}) {
  return (
    <Layout
      mall={mall}
      title={t("page.title", { title: t("address.title"), mall: mall.name })}
      headerExtra={headerExtra}
    >
      <h1 class="sr">{t("address.title")}</h1>
      <MeNav current="addresses" csrf={book.csrf} />
      <AddressBook {...book} />
    </Layout>
  );
}

export type AddressEditPageProps = {
  mall: MallView;
  id: number;
  csrf: string;
  values: DeliveryAddress;
  errors: AddressErrors;
  makeDefault: boolean;
  headerExtra?: ComponentChildren;
};

/** 编辑收货地址 (/me/addresses/{id}/edit). */
export function AddressEditPage({ mall, id, csrf, values, errors, makeDefault, headerExtra }: AddressEditPageProps) {
  return (
    <Layout
      mall={mall}
      title={t("page.title", { title: t("address.editTitle"), mall: mall.name })}
      headerExtra={headerExtra}
    >
      <section class="panel" aria-labelledby="addr-edit-title">
        <h1 id="addr-edit-title" class="panel__title">
          {t("address.editTitle")}
        </h1>
        <AddressForm
          csrf={csrf}
          action={`/me/addresses/${id}`}
          target="this"
          values={values}
          errors={errors}
          makeDefault={makeDefault}
          submitLabel={t("address.save")}
        />
        <p class="center">
          <a class="link" href="/me/addresses">
            {t("address.back")}
          </a>
        </p>
      </section>
    </Layout>
  );
}
